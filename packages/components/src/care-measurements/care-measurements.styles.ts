import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careMeasurementsStyles = [
  careWidgetStyles,
  css`
    .measurement {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: center;
      padding-block: 0.5em;
      border-block-start: 1px solid var(--care-color-border, #7b8794);
    }

    .measurement:first-child {
      border-block-start: 0;
    }

    .measurement__text {
      display: flex;
      flex: 1 1 14em;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
    }

    .measurement__type {
      font-weight: 600;
    }

    .measurement__value {
      font-variant-numeric: tabular-nums;
    }

    .measurement__time {
      color: var(--care-color-text-muted, #52606d);
      font-size: 0.9375em;
    }

    .delete {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 44px;
      min-height: 44px;
      padding: 0;
      border: 1px solid var(--care-color-border, #7b8794);
      border-radius: var(--care-radius, 6px);
      background: var(--care-color-background, #fff);
      color: var(--care-color-danger, #b00020);
      font: inherit;
      font-size: 1.25em;
      line-height: 1;
      cursor: pointer;
    }

    .delete:focus-visible {
      outline: var(--_focus-ring);
      outline-offset: var(--care-focus-ring-offset, 2px);
    }

    .button--danger {
      border-color: var(--care-color-danger, #b00020);
      background: var(--care-color-danger, #b00020);
      color: var(--care-color-primary-text, #fff);
    }

    .type-filter {
      max-width: 20em;
    }

    .unit {
      color: var(--care-color-text-muted, #52606d);
    }

    .chart {
      margin: var(--care-space, 8px) 0 0;
    }

    .chart__plot {
      display: flex;
      gap: 0.5em;
      align-items: stretch;
    }

    .chart__y {
      display: flex;
      flex-direction: column;
      justify-content: space-between;
      min-width: 3em;
      font-size: 0.875em;
      text-align: end;
      color: var(--care-color-text-muted, #52606d);
    }

    svg {
      /* From nothing, beside the y axis: width 100% as the flex basis would push it past the card. */
      flex: 1 1 0;
      min-width: 0;
      height: 12em;
      overflow: visible;
    }

    .grid {
      stroke: var(--care-color-border, #7b8794);
      stroke-width: 1;
      stroke-dasharray: 4 4;
    }

    .series {
      fill: none;
      stroke-width: 2.5;
      stroke-linejoin: round;
    }

    .series-0 {
      stroke: var(--care-color-chart-1, var(--care-color-primary, #0b5cad));
      color: var(--care-color-chart-1, var(--care-color-primary, #0b5cad));
    }

    .series-1 {
      stroke: var(--care-color-chart-2, var(--care-color-danger, #b00020));
      color: var(--care-color-chart-2, var(--care-color-danger, #b00020));
      stroke-dasharray: 8 4;
    }

    .dot {
      fill: var(--care-color-background, #fff);
      stroke-width: 2;
    }

    .chart__x {
      display: flex;
      justify-content: space-between;
      margin-inline-start: 3.5em;
      font-size: 0.875em;
      color: var(--care-color-text-muted, #52606d);
    }

    .chart__legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 1em;
      margin: 0.5em 0 0;
      padding: 0;
      list-style: none;
      font-size: 0.9375em;
    }

    .swatch {
      display: inline-block;
      width: 1.5em;
      height: 0;
      margin-inline-end: 0.375em;
      vertical-align: middle;
      border-top: 3px solid currentColor;
    }

    .swatch.series-1 {
      border-top-style: dashed;
    }

    .chart__summary {
      margin-block-start: 0.5em;
    }

    .table-scroll {
      max-width: 100%;
      overflow-x: auto;
    }

    table {
      width: 100%;
      margin-block-start: var(--care-space, 8px);
      border-collapse: collapse;
    }

    caption {
      margin-block-end: 0.25em;
      font-weight: 600;
      text-align: start;
    }

    th,
    td {
      padding: 0.375em 0.5em;
      border-block-end: 1px solid var(--care-color-border, #7b8794);
      text-align: start;
      vertical-align: middle;
    }

    td:nth-last-child(2) {
      overflow-wrap: anywhere;
    }

    [hidden] {
      display: none !important;
    }
  `,
];
