import { define } from '../shared/define.js';
import { CareAccessLog } from './care-access-log.component.js';

export { CareAccessLog } from './care-access-log.component.js';
export type { AccessLogLine, AccessLogPeriod } from './care-access-log.component.js';
export type { CareSessionExpiredDetail } from '../shared/care-data-element.js';

define('care-access-log', CareAccessLog);

declare global {
  interface HTMLElementTagNameMap {
    'care-access-log': CareAccessLog;
  }
}
