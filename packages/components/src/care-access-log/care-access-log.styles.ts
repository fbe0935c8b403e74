import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careAccessLogStyles = [
  careWidgetStyles,
  css`
    .day {
      margin: calc(var(--care-space, 8px) * 2) 0 0;
      font-size: 1em;
    }

    .lines {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .line {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      padding-block: var(--care-space, 8px);
      border-block-start: 1px solid var(--care-color-border, #7b8794);
      overflow-wrap: anywhere;
    }

    .line:first-child {
      border-block-start: 0;
    }

    .time {
      color: var(--care-color-text-muted, #52606d);
      font-variant-numeric: tabular-nums;
    }

    .who {
      font-weight: 600;
    }

    .line--group {
      display: block;
    }

    summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      cursor: pointer;
    }

    details .hint {
      margin: 0.25em 0 0;
    }

    .downloads {
      display: flex;
      flex-wrap: wrap;
      gap: var(--care-space, 8px);
    }

    .badge {
      padding: 0 0.4em;
      border: 1px solid var(--care-color-danger, #b00020);
      border-radius: var(--care-radius, 4px);
      color: var(--care-color-danger, #b00020);
      font-weight: 600;
    }
  `,
];
