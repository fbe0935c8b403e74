import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/components/src/care-messages/care-messages.js';
import '../packages/components/src/care-reports/care-reports.js';
import { problems, registerFakeBackend } from './fake-api.js';
import { clickDeep, dataWidgetStates, element, findDeep, portalStory, until, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-messages',
  component: 'care-messages',
};
export default meta;

const states = dataWidgetStates('care-messages');

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

/** "Alle berichten": the whole thread, newest first. */
export const AllMessages: Story = portalStory(element('care-messages', { view: 'all' }), { session: 'active' });
/** Everything read. */
export const NothingUnread: Story = portalStory(element('care-messages'), {
  session: 'active',
  routes: { 'GET /messages/unread-count': () => ({ unreadCount: 0 }) },
});

const aloneApi = registerFakeBackend({
  session: 'active',
  routes: {
    'GET /reports': () => {
      throw problems.sessionExpired();
    },
  },
});
/**
 * On a host page without `<care-portal>`: the session ended at the reports beside the messages
 * ("Alle rapportages" got a 401), so the messages are cleared too and say why.
 */
export const SessionEndedBesideIt: Story = {
  render: (_args, context) => {
    const lang = context.globals['locale'] === 'en' ? 'en' : 'nl';
    return html`<care-reports tenant="zorggroep-de-linde" api=${aloneApi} lang=${lang}></care-reports>
      <care-messages tenant="zorggroep-de-linde" api=${aloneApi} lang=${lang}></care-messages>`;
  },
  play: async ({ canvasElement }) => {
    await clickDeep(canvasElement, /^(Alle rapportages|All reports)$/);
    await until(() => findDeep(canvasElement, /sessie is verlopen|session has expired/i, 'p[part~="status"]'), 'the messages signed out');
  },
};
