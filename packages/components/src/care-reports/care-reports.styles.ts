import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careReportsStyles = [
  careWidgetStyles,
  css`
    .reports {
      margin: var(--care-space, 8px) 0 0;
      padding: 0;
      list-style: none;
    }

    .report {
      padding-block: calc(var(--care-space, 8px) * 1.5);
      border-block-start: 1px solid var(--care-color-border, #7b8794);
      /* A year of reports: only those near the screen are laid out and painted. */
      content-visibility: auto;
      contain-intrinsic-size: auto 7em;
    }

    .report:first-child {
      border-block-start: 0;
    }

    .report--own {
      padding-inline: var(--care-space, 8px);
      border-inline-start: 4px solid var(--care-color-success, #1e6b34);
      background: var(--care-color-surface, #f5f7fa);
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      margin-block-end: 0.25em;
      color: var(--care-color-text-muted, #52606d);
      font-size: 0.9375em;
    }

    .author {
      font-weight: 600;
    }

    .text {
      margin: 0;
      /* Keeps the line breaks and blank lines (paragraphs) of the text as written. */
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
  `,
];
