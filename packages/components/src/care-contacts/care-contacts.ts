import { define } from '../shared/define.js';
import { CareContacts } from './care-contacts.component.js';

export { CareContacts } from './care-contacts.component.js';
export type { CareContactChangedDetail, Contact, ContactRights, RightArea } from './care-contacts.component.js';
export type { CareSessionExpiredDetail } from '../shared/care-data-element.js';

define('care-contacts', CareContacts);

declare global {
  interface HTMLElementTagNameMap {
    'care-contacts': CareContacts;
  }
  interface HTMLElementEventMap {
    'care-contact-changed': CustomEvent<import('./care-contacts.component.js').CareContactChangedDetail>;
  }
}
