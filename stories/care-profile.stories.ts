import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-profile/care-profile.js';
import * as data from './fake-data.js';
import { dataWidgetStates, element, portalStory, type Story } from './support/stories.js';

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
  routes: { 'GET /profile': () => ({ ...data.profile, editable: [] }) },
});
