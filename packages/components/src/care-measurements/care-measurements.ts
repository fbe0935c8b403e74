import { define } from '../shared/define.js';
import { CareMeasurements } from './care-measurements.component.js';

export { CareMeasurements } from './care-measurements.component.js';
export type { CareMeasurementDetail, Measurement, MeasurementComponent, MeasurementType } from './care-measurements.component.js';

define('care-measurements', CareMeasurements);

declare global {
  interface HTMLElementTagNameMap {
    'care-measurements': CareMeasurements;
  }
  interface HTMLElementEventMap {
    'care-measurement-created': CustomEvent<import('./care-measurements.component.js').CareMeasurementDetail>;
    'care-measurement-deleted': CustomEvent<import('./care-measurements.component.js').CareMeasurementDetail>;
  }
}
