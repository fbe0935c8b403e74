import { define } from '../shared/define.js';
import { CareBoard } from './care-board.component.js';

export { CareBoard } from './care-board.component.js';
export type { BoardPhoto, BoardPost, BoardReply, CareBoardPostedDetail, CareBoardUnreadDetail } from './care-board.component.js';
export type { CareSessionExpiredDetail } from '../shared/care-data-element.js';

define('care-board', CareBoard);

declare global {
  interface HTMLElementTagNameMap {
    'care-board': CareBoard;
  }
  interface HTMLElementEventMap {
    'care-board-unread-changed': CustomEvent<import('./care-board.component.js').CareBoardUnreadDetail>;
    'care-board-posted': CustomEvent<import('./care-board.component.js').CareBoardPostedDetail>;
  }
}
