import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-profile/care-profile.js';
import { forever, problem, problems } from './fake-api.js';
import * as data from './fake-data.js';
import { clickDeep, dataWidgetStates, element, fillDeep, findDeep, portalStory, until, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-profile',
  component: 'care-profile',
};
export default meta;

const states = dataWidgetStates('care-profile');

/** A signed-in client with the example data. */
export const Ready: Story = states.Ready;
/** Nothing to show yet. */
export const Empty: Story = states.Empty;
/** Waiting for the BFF. */
export const Loading: Story = states.Loading;
/** The BFF answered with an error. */
export const LoadError: Story = states.Error;
/** No connection. */
export const Offline: Story = states.Offline;
/** The session ran out: log in again. */
export const SessionExpired: Story = states.SessionExpired;
/** A contact person without the right to this part: the BFF's sentence, calmly. */
export const NoAccess: Story = states.NoAccess;
/** The portal could not load its organisation. */
export const PortalUnavailable: Story = states.PortalUnavailable;
/** Thuiszorg Het Baken, in its theme. */
export const HetBaken: Story = states.HetBaken;
/** High contrast, in English. */
export const HighContrastEnglish: Story = states.HighContrastEnglish;

/** "Volledig profiel": every personal detail. */
export const FullProfile: Story = portalStory(element('care-profile', { expanded: '' }), { session: 'active' });
/** A relative (contact person) sees the profile but cannot change it. */
export const AsContactPerson: Story = portalStory(element('care-profile'), {
  session: 'active',
  routes: { 'GET /profile': () => ({ ...data.profile, editable: [], mayDownloadDossier: false }) },
});
/** A contact person without the profile right: the client's data says so, her own details ("Uw eigen gegevens") she changes. */
export const OwnDetailsWithoutRight: Story = portalStory(element('care-profile'), { session: 'active', data: 'no-access' });
/** A contact person changing her own mobile number: her password first, then a code to her current number. */
export const ChangingOwnMobile: Story = portalStory(
  element('care-profile'),
  { session: 'active', data: 'no-access' },
  {
    play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Wijzigen|Change)\s+(mobiel nummer|mobile number)$/i),
  },
);
/** Her own new number waits for its SMS code; the old one stays in use until then. */
export const OwnChangePending: Story = portalStory(element('care-profile'), {
  session: 'active',
  data: 'no-access',
  routes: { 'GET /profile/account': () => ({ ...data.ownAccount, pending: { mobile: '+31687654321', email: null } }) },
});
/** Her own details did not load: said in their own part, the rest of the card as it is. */
export const OwnDetailsUnavailable: Story = portalStory(element('care-profile'), {
  session: 'active',
  routes: {
    'GET /profile': () => ({ ...data.profile, editable: [], mayDownloadDossier: false }),
    'GET /profile/account': () => {
      throw problem(503, 'unavailable', 'Niet beschikbaar', 'Het portaal is even niet bereikbaar. Probeer het later opnieuw.');
    },
  },
});
/** "Wijzigen" at the mobile number: the new number and the current password (who asks must prove it is them). */
export const ChangingMobile: Story = portalStory(
  element('care-profile', { expanded: '' }),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Wijzigen|Change)\s+(mobiel nummer|mobile number)$/i),
  },
);
/** After the password: the code sent to the CURRENT number, before the new number gets its own. */
export const ProvingIdentity: Story = portalStory(
  element('care-profile', { expanded: '' }),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => {
      await clickDeep(canvasElement, /^(Wijzigen|Change)\s+(mobiel nummer|mobile number)$/i);
      const form = await until(() => findDeep(canvasElement, /./, 'form'), 'the change form');
      for (const [selector, value] of [
        ['input[type="tel"]', '06 87654321'],
        ['input[type="password"]', 'Mijn-wachtwoord-1'],
      ] as const) {
        const input = form.querySelector<HTMLInputElement>(selector)!;
        input.value = value;
        input.dispatchEvent(new InputEvent('input'));
      }
      await clickDeep(canvasElement, /^(Verder|Continue)$/i);
    },
  },
);

/** Her own new number: after her password, the code to her CURRENT number (/profile/account). */
export const ProvingOwnIdentity: Story = portalStory(
  element('care-profile'),
  { session: 'active', data: 'no-access' },
  { play: async (context) => ProvingIdentity.play!(context) },
);

/** After the code to the current number: a code to the NEW number, which becomes the number once it is confirmed. */
export const ConfirmingNewMobile: Story = portalStory(
  element('care-profile', { expanded: '' }),
  { session: 'active' },
  {
    play: async (context) => {
      await ProvingIdentity.play!(context);
      await fillDeep(context.canvasElement, 'input[autocomplete="one-time-code"]', '123456');
      await clickDeep(context.canvasElement, /^(Bevestigen|Confirm|Verder|Continue)$/i);
      await until(() => findDeep(context.canvasElement, /4321/, 'p'), 'the code step of the new number');
    },
  },
);
/** "Wijzigen" at the e-mail address: the new address and the current password. */
export const ChangingEmail: Story = portalStory(
  element('care-profile', { expanded: '' }),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Wijzigen|Change)\s+(e-mailadres|e-mail address|email address)$/i),
  },
);

const clickDossier = async ({ canvasElement }: { canvasElement: HTMLElement }) =>
  clickDeep(canvasElement, /^(Download mijn dossier|Download my file)$/i);
/** "Download mijn dossier" while the BFF makes the ZIP: the button is busy and says so. */
export const DossierDownloading: Story = portalStory(
  element('care-profile'),
  { session: 'active', routes: { 'GET /dossier.zip': () => forever } },
  { play: clickDossier },
);
/** The ZIP is saved: where to keep it. */
export const DossierDownloaded: Story = portalStory(
  element('care-profile'),
  { session: 'active', routes: { 'GET /dossier.zip': () => new Blob(['PK'], { type: 'application/zip' }) } },
  { play: clickDossier },
);
/** The fourth download of the day: the BFF's limit, beside the button. */
export const DossierLimited: Story = portalStory(
  element('care-profile'),
  {
    session: 'active',
    routes: {
      'GET /dossier.zip': () => {
        throw problem(
          429,
          'rate-limited',
          'Te veel pogingen',
          'U heeft vandaag al een paar keer uw dossier gedownload. Probeer het morgen opnieuw.',
        );
      },
    },
  },
  { play: clickDossier },
);
/** The session ran out before the download: log in again. */
export const DossierSessionExpired: Story = portalStory(
  element('care-profile'),
  {
    session: 'active',
    routes: {
      'GET /dossier.zip': () => {
        throw problems.sessionExpired();
      },
    },
  },
  { play: clickDossier },
);
