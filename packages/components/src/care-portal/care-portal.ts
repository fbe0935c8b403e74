import { define } from '../shared/define.js';
import { CarePortal } from './care-portal.component.js';

export { CarePortal } from './care-portal.component.js';
export type { CarePortalErrorDetail, CarePortalReadyDetail } from './care-portal.component.js';
export type { CareClientChangedDetail } from './client-picker.js';

define('care-portal', CarePortal);

declare global {
  interface HTMLElementTagNameMap {
    'care-portal': CarePortal;
  }
  interface HTMLElementEventMap {
    'care-portal-ready': CustomEvent<import('./care-portal.component.js').CarePortalReadyDetail>;
    'care-portal-error': CustomEvent<import('./care-portal.component.js').CarePortalErrorDetail>;
    'care-client-changed': CustomEvent<import('./client-picker.js').CareClientChangedDetail>;
  }
}
