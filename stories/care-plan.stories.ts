import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/care-plan/care-plan.js';
import * as data from './fake-data.js';
import { problems } from './fake-api.js';
import { clickDeep, dataWidgetStates, element, fillDeep, findDeep, portalStory, until, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-plan',
  component: 'care-plan',
};
export default meta;

const states = dataWidgetStates('care-plan');

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

const onlyPlan = (plan: (typeof data.plans)[keyof typeof data.plans], mayDecide = true) => ({
  session: 'active' as const,
  routes: { 'GET /plans': () => ({ items: [plan], mayDecide }) },
});

/** A plan waiting for the client's decision: "Ondertekenen" or "Afkeuren". */
export const Undecided: Story = portalStory(element('care-plan'), onlyPlan(data.plans.undecided));
/** A contact person who is not a legal representative: the plan to read, no "Ondertekenen" or "Afkeuren". */
export const ContactMayNotDecide: Story = portalStory(element('care-plan'), onlyPlan(data.plans.undecided, false));
/** A signed plan: who signed it and when. */
export const Signed: Story = portalStory(element('care-plan'), onlyPlan(data.plans.signed));
/** A rejected plan, with the reason. */
export const Rejected: Story = portalStory(element('care-plan'), onlyPlan(data.plans.rejected));
/** "Ondertekenen": confirm with a fresh SMS code. */
export const Signing: Story = portalStory(element('care-plan'), onlyPlan(data.plans.undecided), {
  play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Ondertekenen|Sign)$/i),
});
/** "Afkeuren": an optional reason, then the SMS code. */
export const Rejecting: Story = portalStory(element('care-plan'), onlyPlan(data.plans.undecided), {
  play: async ({ canvasElement }) => clickDeep(canvasElement, /^(Afkeuren|Reject)$/i),
});
/** A wrong SMS code at "Ondertekenen": the field says so and how many tries are left; the plan is not signed. */
export const WrongCode: Story = portalStory(
  element('care-plan'),
  {
    ...onlyPlan(data.plans.undecided),
    routes: {
      ...onlyPlan(data.plans.undecided).routes,
      'POST /plans/:id/decision/confirm': () => {
        throw problems.invalidCode(2);
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await clickDeep(canvasElement, /^(Ondertekenen|Sign)$/i);
      await fillDeep(canvasElement, 'input[autocomplete="one-time-code"]', '000000');
      await clickDeep(canvasElement, /^(Bevestigen|Confirm)$/i);
      await until(() => findDeep(canvasElement, /.+/, '[role="alert"]'), 'the wrong-code message');
    },
  },
);
