/** The "x" at an own measurement: a dialog asks to confirm, with the safe choice first. */
export const DeleteDialog: Story = portalStory(
  element('care-measurements', { view: 'all' }),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Meting verwijderen|Delete measurement)$/i),
  },
);
import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-measurements/care-measurements.js';
import { clickDeep, dataWidgetStates, element, portalStory, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-measurements',
  component: 'care-measurements',
};
export default meta;

const states = dataWidgetStates('care-measurements');

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

/** "Alle metingen": per measurement type, a chart and a table. */
export const AllMeasurements: Story = portalStory(element('care-measurements', { view: 'all' }), { session: 'active' });
/** "Alle metingen" of weight. */
export const AllWeight: Story = portalStory(element('care-measurements', { view: 'all', type: 'gewicht' }), { session: 'active' });
/** "Alle metingen" of blood pressure: two values per measurement. */
export const AllBloodPressure: Story = portalStory(element('care-measurements', { view: 'all', type: 'bloeddruk' }), { session: 'active' });
/** "Nieuwe meting": pick a type and enter the values. */
export const NewMeasurement: Story = portalStory(
  element('care-measurements'),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => clickDeep(canvasElement, /Nieuwe meting|New measurement/i),
  },
);
