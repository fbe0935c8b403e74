import { define } from '../shared/define.js';
import { CareActivity } from './care-activity.component.js';

export { CareActivity } from './care-activity.component.js';
export type { ActivityOverview } from './care-activity.component.js';
export type { CareNavigateDetail, CareSessionExpiredDetail } from '../shared/care-data-element.js';

define('care-activity', CareActivity);

declare global {
  interface HTMLElementTagNameMap {
    'care-activity': CareActivity;
  }
}
