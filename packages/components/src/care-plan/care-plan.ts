import { define } from '../shared/define.js';
import { CarePlan } from './care-plan.component.js';

export { CarePlan } from './care-plan.component.js';
export type { CarePlanDecidedDetail, Plan, PlanDecisionKind } from './care-plan.component.js';

define('care-plan', CarePlan);

declare global {
  interface HTMLElementTagNameMap {
    'care-plan': CarePlan;
  }
  interface HTMLElementEventMap {
    'care-plan-signed': CustomEvent<import('./care-plan.component.js').CarePlanDecidedDetail>;
    'care-plan-rejected': CustomEvent<import('./care-plan.component.js').CarePlanDecidedDetail>;
  }
}
