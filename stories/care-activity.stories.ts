import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-activity/care-activity.js';
import { dataWidgetStates, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-activity',
  component: 'care-activity',
};
export default meta;

const states = dataWidgetStates('care-activity');

/** A signed-in client with the example data. */
export const Ready: Story = states.Ready;
/** The first visit ever: no "since", nothing planned. */
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
