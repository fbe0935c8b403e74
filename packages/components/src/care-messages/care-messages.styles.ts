import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careMessagesStyles = [
  careWidgetStyles,
  css`
    .thread {
      display: flex;
      flex-direction: column;
      gap: var(--care-space, 8px);
      margin-block: var(--care-space, 8px);
    }

    .message {
      max-width: min(100%, 36em);
      padding: 0.5em 0.75em;
      border: 1px solid var(--care-color-border, #7b8794);
      border-inline-start-width: 4px;
      border-radius: var(--care-radius, 6px);
      background: var(--care-color-background, #fff);
    }

    .message--staff {
      border-inline-start-color: var(--care-color-primary, #0b5cad);
    }

    .message--contact {
      border-inline-start-style: double;
      border-inline-start-width: 6px;
    }

    /* The client's own messages sit on the other side, as in a chat. */
    .message--own {
      align-self: flex-end;
      border-inline-start-color: var(--care-color-success, #1e6b34);
      background: var(--care-color-surface, #f5f7fa);
    }

    .message--failed {
      border-color: var(--care-color-danger, #b00020);
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.5em;
      align-items: baseline;
      margin-block-end: 0.25em;
      color: var(--care-color-text-muted, #52606d);
      font-size: 0.9375em;
    }

    .sender {
      color: var(--care-color-text, #1f2933);
      font-weight: 600;
    }

    .body {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }

    .delivery {
      margin: 0.25em 0 0;
      color: var(--care-color-text-muted, #52606d);
      font-size: 0.9375em;
      font-style: italic;
    }

    .delivery--failed {
      color: var(--care-color-danger, #b00020);
      font-style: normal;
      font-weight: 600;
    }

    .delivery .link-button {
      min-height: 44px;
      font-weight: 600;
    }

    .badge.new,
    .badge.unread {
      color: var(--care-color-primary, #0b5cad);
    }

    .compose textarea {
      min-height: 5em;
    }

    .counter {
      margin: 0;
      min-height: 1.5em;
    }

    .counter--over {
      color: var(--care-color-danger, #b00020);
      font-weight: 600;
    }
  `,
];
