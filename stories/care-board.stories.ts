import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-board/care-board.js';
import { ApiError } from '../packages/components/src/shared/api-client.js';
import { forever, problem } from './fake-api.js';
import * as data from './fake-data.js';
import { clickDeep, dataWidgetStates, element, fillDeep, findDeep, portalStory, until, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-board',
  component: 'care-board',
};
export default meta;

const states = dataWidgetStates('care-board');

/** The board of a signed-in client: a relative's outing with photos, the care team's announcement, replies. */
export const Ready: Story = states.Ready;
/** Nothing on the board yet. */
export const Empty: Story = states.Empty;
/** Waiting for the BFF. */
export const Loading: Story = states.Loading;
/** The BFF answered with an error. */
export const LoadError: Story = states.Error;
/** No connection. */
export const Offline: Story = states.Offline;
/** The session ran out: log in again. */
export const SessionExpired: Story = states.SessionExpired;
/** A contact person without the board right: the BFF's sentence, calmly. */
export const NoAccess: Story = states.NoAccess;
/** The portal could not load its organisation. */
export const PortalUnavailable: Story = states.PortalUnavailable;
/** Thuiszorg Het Baken, in its theme. */
export const HetBaken: Story = states.HetBaken;
/** High contrast, in English. */
export const HighContrastEnglish: Story = states.HighContrastEnglish;

const board = (routes = {}) => ({ session: 'active' as const, routes });

/** A photo as the file picker hands it over. */
async function choosePhoto(canvasElement: HTMLElement) {
  const input = await until(() => findDeep(canvasElement, /^/, 'input[type="file"]') as HTMLInputElement | undefined, 'the photo picker');
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'tuin.jpg', { type: 'image/jpeg' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const uploadState = (canvasElement: HTMLElement, pattern: RegExp) =>
  until(() => findDeep(canvasElement, pattern, '.upload'), `the upload state ${pattern}`, 5000);

/** Writing a post: the text with its counter, a photo sent and waiting for its description. */
export const Composing: Story = portalStory(element('care-board'), board(), {
  play: async ({ canvasElement }) => {
    await fillDeep(canvasElement, 'textarea[name="text"]', 'Vandaag de eerste sneeuw in de tuin gezien.');
    await choosePhoto(canvasElement);
    await uploadState(canvasElement, /Verstuurd|Sent/);
  },
});

/** A photo on its way: the progress of each photo. */
export const UploadInProgress: Story = portalStory(element('care-board'), board({ 'POST /board/photos': () => forever }), {
  play: async ({ canvasElement }) => {
    await choosePhoto(canvasElement);
    await until(() => findDeep(canvasElement, /^/, 'progress'), 'the progress bar');
  },
});

/** Not a photo (a renamed PDF): the BFF's Dutch reason at the photo, the text stays. */
export const PhotoRefused: Story = portalStory(
  element('care-board'),
  board({
    'POST /board/photos': () => {
      throw problem(
        415,
        'unsupported-photo',
        'Geen foto',
        'Dit bestand is geen foto die het portaal kan tonen. Kies een JPEG-, PNG- of WebP-foto.',
      );
    },
  }),
  {
    play: async ({ canvasElement }) => {
      await fillDeep(canvasElement, 'textarea[name="text"]', 'De brief van de gemeente.');
      await choosePhoto(canvasElement);
      await uploadState(canvasElement, /geen foto|not a photo/i);
    },
  },
);

/** The network dropped the upload: "Opnieuw proberen" sends it again under the same key. */
export const UploadFailed: Story = portalStory(
  element('care-board'),
  board({
    'POST /board/photos': () => {
      throw ApiError.offline(new TypeError('Failed to fetch'));
    },
  }),
  {
    play: async ({ canvasElement }) => {
      await choosePhoto(canvasElement);
      await uploadState(canvasElement, /Niet verstuurd|Not sent/);
    },
  },
);

/** "Plaatsen" without a description of the photo: the composer says what is missing. */
export const PhotoNotDescribed: Story = portalStory(element('care-board'), board(), {
  play: async ({ canvasElement }) => {
    await choosePhoto(canvasElement);
    await uploadState(canvasElement, /Verstuurd|Sent/);
    await clickDeep(canvasElement, /^(Plaatsen|Post)$/);
    await until(() => findDeep(canvasElement, /Beschrijf de foto|Describe the photo/, '[role="alert"]'), 'the error');
  },
});

/** More than 2,000 characters: the counter and the error. */
export const TooLong: Story = portalStory(element('care-board'), board(), {
  play: async ({ canvasElement }) => {
    await fillDeep(canvasElement, 'textarea[name="text"]', 'Wat een mooie dag. '.repeat(110));
    await clickDeep(canvasElement, /^(Plaatsen|Post)$/);
    await until(() => findDeep(canvasElement, /te lang|too long/, '[role="alert"]'), 'the error');
  },
});

/** The post could not be stored: the text and photos stay, to try again. */
export const PostFailed: Story = portalStory(
  element('care-board'),
  board({
    'POST /board/posts': () => {
      throw problem(500, 'internal', 'Er ging iets mis', 'Something went wrong on our side.');
    },
  }),
  {
    play: async ({ canvasElement }) => {
      await fillDeep(canvasElement, 'textarea[name="text"]', 'Zondag komen we op bezoek.');
      await clickDeep(canvasElement, /^(Plaatsen|Post)$/);
      await until(() => findDeep(canvasElement, /niet geplaatst|not placed/, '[role="alert"]'), 'the error');
    },
  },
);

/** A photo opened larger: the description below it, Vorige and Volgende, Esc closes. */
export const PhotoOpen: Story = portalStory(element('care-board'), board(), {
  play: async ({ canvasElement }) => {
    await clickDeep(canvasElement, new RegExp(data.boardPhotos.market.description), '[part~="photo"]');
    await until(() => findDeep(canvasElement, /^(Sluiten|Close)$/), 'the photo dialog');
  },
});

/** "Bericht verwijderen": the shared "Verwijderen?" dialog. */
export const DeleteDialog: Story = portalStory(element('care-board'), board(), {
  play: async ({ canvasElement }) => {
    await clickDeep(canvasElement, /^(Bericht verwijderen|Delete post)$/);
    await until(() => findDeep(canvasElement, /^(Annuleren|Cancel)$/), 'the dialog');
  },
});

/** "Reageer" with nothing written. */
export const EmptyReply: Story = portalStory(element('care-board'), board(), {
  play: async ({ canvasElement }) => {
    await clickDeep(canvasElement, /^(Reageer|Reply)$/);
    await until(() => findDeep(canvasElement, /Schrijf eerst uw reactie|Write your reply first/, '[role="alert"]'), 'the error');
  },
});

/** A relative's view: only own posts can be deleted. */
export const AsRelative: Story = portalStory(
  element('care-board'),
  board({
    'GET /board': () => ({
      items: data.boardPosts.map((post) => ({
        ...post,
        author: { ...post.author, own: post.author.kind === 'contact' },
        canDelete: post.author.kind === 'contact',
        replies: post.replies.map((reply) => ({
          ...reply,
          author: { ...reply.author, own: reply.author.kind === 'contact' },
          canDelete: reply.author.kind === 'contact',
        })),
      })),
      nextBefore: null,
      unreadCount: 1,
    }),
  }),
);
