import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-agenda/care-agenda.js';
import { clickDeep, dataWidgetStates, element, portalStory, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-agenda',
  component: 'care-agenda',
};
export default meta;

const states = dataWidgetStates('care-agenda');

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

/** "Alle afspraken": a year ahead, grouped by day. */
export const AllAppointments: Story = portalStory(element('care-agenda', { view: 'all' }), { session: 'active' });
/** Thuiszorg Het Baken: no indicative-time notice, and the client may add appointments. */
export const ClientMayAddAppointments: Story = portalStory(element('care-agenda', { view: 'all' }), {
  session: 'active',
  tenant: 'thuiszorg-het-baken',
});
/** "Afspraak verwijderen" at an own appointment: a dialog asks to confirm. */
export const DeleteDialog: Story = portalStory(
  element('care-agenda', { view: 'all' }),
  { session: 'active', tenant: 'thuiszorg-het-baken' },
  {
    globals: { theme: 'het-baken' },
    play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Afspraak verwijderen|Remove appointment|Delete appointment)$/i),
  },
);
