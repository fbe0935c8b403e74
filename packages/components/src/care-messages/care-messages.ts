import { define } from '../shared/define.js';
import { CareMessages } from './care-messages.component.js';

export { CareMessages } from './care-messages.component.js';
export type { CareMessageSentDetail, CareUnreadChangedDetail, Message } from './care-messages.component.js';

define('care-messages', CareMessages);

declare global {
  interface HTMLElementTagNameMap {
    'care-messages': CareMessages;
  }
  interface HTMLElementEventMap {
    'care-unread-changed': CustomEvent<import('./care-messages.component.js').CareUnreadChangedDetail>;
    'care-message-sent': CustomEvent<import('./care-messages.component.js').CareMessageSentDetail>;
  }
}
