import { define } from '../shared/define.js';
import { CareProfile } from './care-profile.component.js';

export { CareProfile } from './care-profile.component.js';
export type { CareProfileChangedDetail, EditableField, Profile } from './care-profile.component.js';

define('care-profile', CareProfile);

declare global {
  interface HTMLElementTagNameMap {
    'care-profile': CareProfile;
  }
  interface HTMLElementEventMap {
    'care-profile-changed': CustomEvent<import('./care-profile.component.js').CareProfileChangedDetail>;
  }
}
