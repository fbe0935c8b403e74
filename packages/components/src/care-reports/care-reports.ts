import { define } from '../shared/define.js';
import { CareReports } from './care-reports.component.js';

export { CareReports } from './care-reports.component.js';
export type { CareReportCreatedDetail, Report, ReportPeriod } from './care-reports.component.js';
export type { PeriodChoice } from '../shared/period-filter.js';
export type { CareNavigateDetail, CareSessionExpiredDetail } from '../shared/care-data-element.js';

define('care-reports', CareReports);

declare global {
  interface HTMLElementTagNameMap {
    'care-reports': CareReports;
  }
  interface HTMLElementEventMap {
    'care-report-created': CustomEvent<import('./care-reports.component.js').CareReportCreatedDetail>;
  }
}
