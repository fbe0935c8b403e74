import { css, unsafeCSS } from 'lit';
import { codeInputStyles } from '../shared/code-input/code-input.styles.js';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careContactsStyles = [
  careWidgetStyles,
  unsafeCSS(codeInputStyles()),
  css`
    h3 {
      margin-block: 0 var(--care-space, 8px);
    }

    .contact {
      padding-block: calc(var(--care-space, 8px) * 1.5);
      border-block-start: 1px solid var(--care-color-border, #7b8794);
      overflow-wrap: anywhere;
    }

    .contact:first-child {
      border-block-start: 0;
    }

    .who,
    .rights {
      margin-block: 0 0.25em;
    }

    .lock {
      display: inline-flex;
      vertical-align: -0.125em;
      margin-inline-start: 0.25em;
    }

    .rights-choice {
      margin: 0;
      padding: 0;
      border: 0;
    }

    legend {
      padding: 0;
      font-weight: 600;
    }

    .warning {
      margin-block: 0.5em;
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid currentColor;
      background: var(--care-color-background, #fff);
      color: var(--care-color-warning-text, #6b3a00);
    }

    .check {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0 0.5em;
      align-items: center;
      margin-block-end: var(--care-space, 8px);
    }

    .check input {
      width: 1.5em;
      height: 1.5em;
      min-height: 0;
      margin: 0;
      padding: 0;
    }

    .check .hint {
      grid-column: 2;
      margin: 0;
    }
  `,
];
