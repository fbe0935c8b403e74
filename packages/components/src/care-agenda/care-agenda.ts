import { define } from '../shared/define.js';
import { CareAgenda } from './care-agenda.component.js';

export { CareAgenda } from './care-agenda.component.js';
export type { Appointment, CareAppointmentDetail } from './care-agenda.component.js';

define('care-agenda', CareAgenda);

declare global {
  interface HTMLElementTagNameMap {
    'care-agenda': CareAgenda;
  }
  interface HTMLElementEventMap {
    'care-appointment-saved': CustomEvent<import('./care-agenda.component.js').CareAppointmentDetail>;
    'care-appointment-removed': CustomEvent<import('./care-agenda.component.js').CareAppointmentDetail>;
  }
}
