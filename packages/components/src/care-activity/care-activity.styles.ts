import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careActivityStyles = [
  careWidgetStyles,
  css`
    .lines {
      margin: 0;
      padding-inline-start: 1.25em;
    }

    .line {
      margin-block: calc(var(--care-space, 8px) / 2);
    }

    h3 {
      margin-block: var(--care-space, 8px) 0;
      font-size: 1em;
    }

    p {
      margin-block: calc(var(--care-space, 8px) / 2);
      overflow-wrap: anywhere;
    }
  `,
];
