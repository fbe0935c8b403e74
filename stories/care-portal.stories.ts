import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/components/src/care-portal/care-portal.js';
import { forever, problem, registerFakeBackend, type FakeApiOptions } from './fake-api.js';
import * as data from './fake-data.js';
import type { Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-portal',
  component: 'care-portal',
};
export default meta;

/** The real <care-portal>, loading its organisation from a fake BFF (never the network). */
function portal(fake: FakeApiOptions, tenant = 'zorggroep-de-linde'): Story {
  const api = registerFakeBackend(fake);
  return {
    render: (_args, context) => html`
      <care-portal tenant=${tenant} api=${api} lang=${context.globals['locale'] === 'en' ? 'en' : 'nl'}>
        <p>Hier staan de widgets van het portaal.</p>
      </care-portal>
    `,
  };
}

/** The organisation is loaded; its theme comes from the BFF. */
export const Ready: Story = portal({});

/** Thuiszorg Het Baken and its theme. */
export const HetBaken: Story = portal({ tenant: 'thuiszorg-het-baken' }, 'thuiszorg-het-baken');

/**
 * Signed in, two minutes before the idle timeout (WCAG 2.2.1): "Bent u er nog?" with "Ingelogd
 * blijven". (The fake session has a 2-minute timeout, so the warning comes at once.)
 */
export const IdleWarning: Story = portal({
  session: 'active',
  routes: {
    'GET /auth/session': () => ({
      state: 'active',
      accountId: 'a-1',
      ...data.signedIn,
      relation: 'self',
      idleTimeoutMinutes: 2,
      absoluteExpiresInSeconds: 8 * 3600,
    }),
  },
});

/**
 * Signed in, two minutes before the absolute limit of the session (tenant setting
 * `session.absoluteHours`): "U wordt over 2 minuten uitgelogd. Log daarna opnieuw in.", with "OK"
 * and "Nu uitloggen" but nothing to extend it (WCAG 2.2.1).
 */
export const LimitWarning: Story = portal({
  session: 'active',
  routes: {
    'GET /auth/session': () => ({
      state: 'active',
      accountId: 'a-1',
      ...data.signedIn,
      relation: 'self',
      idleTimeoutMinutes: 30,
      absoluteExpiresInSeconds: 110,
    }),
  },
});

/** Still loading the organisation. */
export const Loading: Story = portal({ routes: { 'GET ': () => forever } });

/** A tenant slug the BFF does not know. */
export const UnknownOrganisation: Story = portal(
  {
    routes: {
      'GET ': () => {
        throw problem(404, 'tenant-not-found', 'Onbekende organisatie');
      },
    },
  },
  'bestaat-niet',
);

/** The BFF answers with an error; the alert quotes the request id. */
export const Unavailable: Story = portal({
  routes: {
    'GET ': () => {
      throw problem(503, 'unavailable', 'Niet beschikbaar', undefined, { requestId: 'req-9c41d2' });
    },
  },
});

/** The clients of Marieke de Vries, a contact person of two clients (GET /clients). */
const mariekesClients = [
  {
    id: 'c-hendrik',
    name: 'Hendrik van der Meer',
    relation: 'contact',
    relationship: 'informal-carer',
    relationshipLabel: 'mantelzorger',
    rights: null,
    legalRepresentative: false,
  },
  {
    id: 'c-johanna',
    name: 'Johanna de Vries',
    relation: 'contact',
    relationship: 'daughter',
    relationshipLabel: 'dochter',
    rights: null,
    legalRepresentative: false,
  },
];

const contactOfTwo: FakeApiOptions = {
  session: 'active',
  routes: {
    'GET /auth/session': () => ({
      state: 'active',
      accountId: 'a-marieke',
      displayName: 'M. de Vries',
      clientId: 'c-johanna',
      clientName: 'Johanna de Vries',
      clientCount: 2,
      relation: 'contact',
      idleTimeoutMinutes: 30,
      absoluteExpiresInSeconds: 8 * 3600,
    }),
    'GET /clients': () => ({ items: mariekesClients, currentClientId: 'c-johanna' }),
    'PUT /clients/current': ({ body }) => mariekesClients.find((c) => c.id === (body as { clientId: string }).clientId),
  },
};

/** A contact person of two clients, later in the session: "U bekijkt het dossier van …" with "Ander dossier kiezen". */
export const ClientSwitch: Story = portal(contactOfTwo);

/**
 * Just signed in as a contact person of two clients: "Van wie wilt u het dossier bekijken?"
 * instead of the portal's content until one is chosen (the story tells the portal of a fresh
 * sign-in, as `<care-login>` does).
 */
export const ClientPicker: Story = {
  ...portal(contactOfTwo),
  play: async ({ canvasElement }) => {
    const portalElement = canvasElement.querySelector('care-portal')!;
    await new Promise((resolve) => setTimeout(resolve, 50));
    portalElement.querySelector('p')!.dispatchEvent(
      new CustomEvent('care-login', {
        detail: { accountId: 'a-marieke', displayName: 'M. de Vries', clientId: 'c-johanna', restored: false },
        bubbles: true,
        composed: true,
      }),
    );
  },
};
