import { define } from '../shared/define.js';
import { CareLogin } from './care-login.component.js';

export { CareLogin } from './care-login.component.js';
export type { CareLoginDetail } from './care-login.component.js';

define('care-login', CareLogin);

declare global {
  interface HTMLElementTagNameMap {
    'care-login': CareLogin;
  }
  interface HTMLElementEventMap {
    'care-login': CustomEvent<import('./care-login.component.js').CareLoginDetail>;
    'care-logout': CustomEvent<undefined>;
  }
}
