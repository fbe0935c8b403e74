import { css, unsafeCSS } from 'lit';
import { codeInputStyles } from '../shared/code-input/code-input.styles.js';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const carePlanStyles = [
  careWidgetStyles,
  unsafeCSS(codeInputStyles()),
  css`
    h3 {
      margin-block: var(--care-space, 8px);
    }

    .plan {
      padding-block: calc(var(--care-space, 8px) * 1.5);
      border-block-start: 1px solid var(--care-color-border, #7b8794);
    }

    .plan:first-child {
      border-block-start: 0;
    }

    .title {
      margin-block-end: 0.25em;
      overflow-wrap: anywhere;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      color: var(--care-color-text-muted, #52606d);
    }

    .badge--undecided {
      color: var(--care-color-warning-text, #6b3a00);
    }

    .badge--rejected {
      color: var(--care-color-danger, #b00020);
    }

    .decision {
      font-weight: 600;
    }

    .reason {
      display: block;
      font-weight: normal;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }

    .counter {
      margin: 0;
    }
  `,
];
