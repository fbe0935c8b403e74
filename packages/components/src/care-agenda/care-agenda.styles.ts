import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careAgendaStyles = [
  careWidgetStyles,
  css`
    .day {
      margin-block-start: calc(var(--care-space, 8px) * 2);
      /* A year ahead is hundreds of days: lay out only those near the screen. */
      content-visibility: auto;
      contain-intrinsic-size: auto 12em;
    }

    .day h3 {
      padding-block-end: 0.25em;
      border-block-end: 2px solid var(--care-color-primary, #0b5cad);
      font-size: 1.0625em;
    }

    .day h3::first-letter {
      text-transform: uppercase;
    }

    .appointment {
      padding-block: 0.625em;
      border-block-start: 1px solid var(--care-color-border, #7b8794);
    }

    .appointment:first-child {
      border-block-start: 0;
    }

    .appointment p {
      margin: 0;
    }

    .appointment__when {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      font-weight: 600;
    }

    .appointment__title {
      font-size: 1.0625em;
    }

    .appointment__detail {
      color: var(--care-color-text-muted, #52606d);
      font-size: 0.9375em;
      overflow-wrap: anywhere;
    }

    .appointment__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5em;
      margin-inline-start: -0.25em;
    }

    .button--danger {
      border-color: var(--care-color-danger, #b00020);
      background: var(--care-color-danger, #b00020);
      color: var(--care-color-primary-text, #fff);
    }

    .appointment-form h3 {
      margin-block-end: 0.25em;
    }
  `,
];
