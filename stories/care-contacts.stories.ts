import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-contacts/care-contacts.js';
import { problem, problems } from './fake-api.js';
import * as data from './fake-data.js';
import { clickDeep, dataWidgetStates, element, fillDeep, findDeep, portalStory, until, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-contacts',
  component: 'care-contacts',
};
export default meta;

const states = dataWidgetStates('care-contacts');

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

const contacts = (items: typeof data.contacts, routes = {}) => ({
  session: 'active' as const,
  routes: { 'GET /contacts': () => ({ items }), ...routes },
});

/** "Contactpersoon toevoegen": fills in a person, as a client would. */
async function fillPerson(canvasElement: HTMLElement, email = 'piet.jansen@voorbeeld.nl') {
  await clickDeep(canvasElement, /^(Contactpersoon toevoegen|Add a contact person)$/i);
  await fillDeep(canvasElement, 'input[name="name"]', 'Piet Jansen');
  await fillDeep(canvasElement, 'input[name="email"]', email);
  await fillDeep(canvasElement, 'input[name="mobile"]', '06 11223344');
  const relation = await until(
    () => findDeep(canvasElement, /^/, 'select[name="relationship"]') as HTMLSelectElement | undefined,
    'the relation',
  );
  relation.value = 'son';
  relation.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await clickDeep(canvasElement, /^(Rapportages|Reports)$/i, 'label');
}

/** A legal representative set by the organisation: a lock, and no change or remove. */
export const LockedPerson: Story = portalStory(element('care-contacts'), contacts([data.contacts[2]!]));

/** "Contactpersoon toevoegen": the fields, every right with what it shows, and seed 001's advice. */
export const AddForm: Story = portalStory(element('care-contacts'), contacts(data.contacts), {
  play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Contactpersoon toevoegen|Add a contact person)$/i),
});

/** "Verder" with empty and bad fields: a Dutch message next to each. */
export const InvalidInput: Story = portalStory(element('care-contacts'), contacts(data.contacts), {
  play: async ({ canvasElement }) => {
    await clickDeep(canvasElement, /^(Contactpersoon toevoegen|Add a contact person)$/i);
    await fillDeep(canvasElement, 'input[name="email"]', 'piet@voorbeeld');
    await fillDeep(canvasElement, 'input[name="mobile"]', '12345');
    await clickDeep(canvasElement, /^(Verder|Next)$/i);
    await until(() => findDeep(canvasElement, /mobiel nummer|mobile number/i, '.field-error'), 'the field errors');
  },
});

/** Someone who already has access: the BFF refuses before any code is sent, at the e-mail field. */
export const AlreadyAContact: Story = portalStory(
  element('care-contacts'),
  contacts(data.contacts, {
    'POST /contacts': () => {
      throw problem(409, 'contact-exists', 'Al toegevoegd', 'Deze persoon heeft al toegang tot uw cliëntportaal.', {
        errors: [{ field: 'email', detail: 'already a contact person' }],
      });
    },
  }),
  {
    play: async ({ canvasElement }) => {
      await fillPerson(canvasElement, 'marieke.deboer@voorbeeld.nl');
      await clickDeep(canvasElement, /^(Verder|Next)$/i);
      await until(() => findDeep(canvasElement, /al toegang|already has access/i, '.field-error'), 'the e-mail error');
    },
  },
);

/** Adding a person is confirmed with a fresh SMS code. */
export const ConfirmAdding: Story = portalStory(element('care-contacts'), contacts(data.contacts), {
  play: async ({ canvasElement }) => {
    await fillPerson(canvasElement);
    await clickDeep(canvasElement, /^(Verder|Next)$/i);
    await until(() => findDeep(canvasElement, /^/, 'input[autocomplete="one-time-code"]'), 'the code field');
  },
});

/** A wrong code: the field says so and how many tries are left; nobody is added. */
export const WrongCode: Story = portalStory(
  element('care-contacts'),
  contacts(data.contacts, {
    'POST /contacts/confirm': () => {
      throw problems.invalidCode(2);
    },
  }),
  {
    play: async ({ canvasElement }) => {
      await fillPerson(canvasElement);
      await clickDeep(canvasElement, /^(Verder|Next)$/i);
      await fillDeep(canvasElement, 'input[autocomplete="one-time-code"]', '000000');
      await clickDeep(canvasElement, /^(Bevestigen|Confirm)$/i);
      await until(() => findDeep(canvasElement, /.+/, '[role="alert"]'), 'the wrong-code message');
    },
  },
);

/** "Rechten wijzigen": relation and rights of one person. */
export const ChangeRights: Story = portalStory(element('care-contacts'), contacts(data.contacts), {
  play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Rechten wijzigen|Change rights): Marieke/i),
});

/** A wider right is confirmed with a fresh SMS code too. */
export const ConfirmWiderRight: Story = portalStory(element('care-contacts'), contacts(data.contacts), {
  play: async ({ canvasElement }) => {
    await clickDeep(canvasElement, /^(Rechten wijzigen|Change rights): Marieke/i);
    await clickDeep(canvasElement, /^(Metingen|Measurements)$/i, 'label');
    await clickDeep(canvasElement, /^(Opslaan|Save)$/i);
    await until(() => findDeep(canvasElement, /^/, 'input[autocomplete="one-time-code"]'), 'the code field');
  },
});

/** An invitation that expired unused: the client sends it again ("Uitnodiging opnieuw versturen"). */
export const InvitationExpired: Story = portalStory(
  element('care-contacts'),
  contacts([{ ...data.contacts[0]!, invitationValidUntil: null }, data.contacts[1]!]),
);

/** The invitation went out again: the earlier link no longer works. */
export const InvitationResent: Story = portalStory(
  element('care-contacts'),
  contacts([{ ...data.contacts[0]!, invitationValidUntil: null }, data.contacts[1]!]),
  {
    play: async ({ canvasElement }) => {
      await clickDeep(canvasElement, /^(Uitnodiging opnieuw versturen|Send the invitation again): Jeroen/i);
      await until(() => findDeep(canvasElement, /nieuwe uitnodiging|new invitation/i, '[role="status"]'), 'the word that it was sent');
    },
  },
);

/** Sent again 3 times today already: the BFF refuses, and the widget says so at the person. */
export const InvitationTooOften: Story = portalStory(
  element('care-contacts'),
  contacts([data.contacts[0]!, data.contacts[1]!], {
    'POST /contacts/:id/invitation': () => {
      throw problem(429, 'rate-limited', 'Te veel pogingen', 'Al 3 keer verstuurd vandaag.', { retryAfter: 3600 });
    },
  }),
  {
    play: async ({ canvasElement }) => {
      await clickDeep(canvasElement, /^(Uitnodiging opnieuw versturen|Send the invitation again): Jeroen/i);
      await until(() => findDeep(canvasElement, /3 keer|3 times/i, '[role="alert"]'), 'the refusal');
    },
  },
);

/** "Verwijderen": the shared confirm dialog. */
export const RemoveDialog: Story = portalStory(element('care-contacts'), contacts(data.contacts), {
  play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Verwijderen|Remove): Jeroen/i),
});

/** A contact person (not the client) opens the page: only the client manages who has access. */
export const NotTheClient: Story = portalStory(
  element('care-contacts'),
  contacts([], {
    'GET /contacts': () => {
      throw problems.forbidden('Alleen de cliënt zelf kan contactpersonen beheren.');
    },
  }),
);
