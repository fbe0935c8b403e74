import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-access-log/care-access-log.js';
import * as data from './fake-data.js';
import { clickDeep, dataWidgetStates, element, fillDeep, findDeep, portalStory, until, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-access-log',
  component: 'care-access-log',
};
export default meta;

const states = dataWidgetStates('care-access-log');

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

/** Opens "Periode kiezen…" and fills in both dates. */
async function choosePeriod(canvasElement: HTMLElement, from: string, to: string) {
  await clickDeep(canvasElement, /^(Periode kiezen…|Choose period…)$/i);
  await fillDeep(canvasElement, 'input[name="from"]', from);
  await fillDeep(canvasElement, 'input[name="to"]', to);
  await clickDeep(canvasElement, /^(Tonen|Show)$/i);
}

/** Three equal lines in a row shown as "3× Rapportages bekeken", opened to their times. */
export const GroupOpened: Story = portalStory(
  element('care-access-log'),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => clickDeep(canvasElement, /3× (Rapportages bekeken|Reports viewed)/, 'summary'),
  },
);

/** "Periode kiezen…": the accesses of a period the client chose, with the PDF and CSV of exactly that period. */
export const CustomPeriod: Story = portalStory(
  element('care-access-log'),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => choosePeriod(canvasElement, data.dateOf(-30), data.dateOf(-1)),
  },
);
/** A period whose start lies after its end: the form says so at the field, and nothing is loaded. */
export const InvalidPeriod: Story = portalStory(
  element('care-access-log'),
  { session: 'active' },
  {
    play: async ({ canvasElement }) => {
      await choosePeriod(canvasElement, data.dateOf(-1), data.dateOf(-30));
      await until(() => findDeep(canvasElement, /begindatum|start date/i, '*'), 'the period error');
    },
  },
);
