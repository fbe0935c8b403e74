import { css, unsafeCSS } from 'lit';
import { codeInputStyles } from '../shared/code-input/code-input.styles.js';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careProfileStyles = [
  careWidgetStyles,
  unsafeCSS(codeInputStyles()),
  css`
    .name {
      font-size: 1.125em;
      font-weight: 600;
    }

    .fields-list {
      margin: 0;
    }

    /* Label and value side by side where there is room, stacked on a phone. */
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0 var(--care-space, 8px);
      padding-block: 0.375em;
      border-block-start: 1px solid var(--care-color-border, #7b8794);
    }

    @container (min-width: 28em) {
      .row {
        grid-template-columns: minmax(8em, 2fr) minmax(0, 3fr);
      }
    }

    dt {
      color: var(--care-color-text-muted, #52606d);
      font-weight: 600;
    }

    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .pending {
      display: block;
      font-size: 0.9375em;
      font-style: italic;
      color: var(--care-color-text-muted, #52606d);
    }

    .change {
      display: inline-flex;
      margin-inline-start: -0.25em;
    }

    .contact {
      margin-block-start: calc(var(--care-space, 8px) * 1.5);
    }

    .contact p:last-child {
      margin: 0;
    }

    .contact a {
      color: var(--care-color-link, var(--care-color-primary, #0b5cad));
    }
  `,
];
