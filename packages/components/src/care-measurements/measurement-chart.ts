import { html, nothing, svg } from 'lit';
import { formatShortDate } from '../shared/date-format.js';
import type { Locale } from '../shared/i18n.js';
import { formatNumber, type Measurement, type MeasurementType } from './measurement-values.js';

const WIDTH = 600;
const HEIGHT = 200;

export interface ChartOptions {
  id: string;
  type: MeasurementType;
  /** Newest first, as the BFF lists them. */
  items: Measurement[];
  /** The text alternative: what a sighted reader takes from the lines. */
  summary: string;
  locale: Locale;
}

/**
 * A line per component over time, in plain inline SVG: no chart library. The SVG is an image
 * (role="img") named by the visible summary below it; the numbers themselves are in the table
 * the widget offers next to it. Axis labels are HTML, so they keep their size at 320 px.
 */
export function measurementChart({ id, type, items, summary, locale }: ChartOptions) {
  const points = [...items].reverse();
  const times = points.map((m) => Date.parse(m.measuredAt));
  const first = times[0]!;
  const last = times[times.length - 1]!;
  const span = Math.max(last - first, 1);
  const values = points.flatMap((m) => type.components.map((c) => m.values[c.key]).filter((v): v is number => v !== undefined));
  let min = Math.min(...values);
  let max = Math.max(...values);
  const pad = Math.max((max - min) * 0.08, 10 ** -type.decimals);
  min -= pad;
  max += pad;
  const x = (t: number) => (points.length === 1 ? WIDTH / 2 : ((t - first) / span) * WIDTH);
  const y = (v: number) => HEIGHT - ((v - min) / (max - min)) * HEIGHT;
  const dots = points.length <= 60;

  const series = type.components.map((component, index) => {
    const coords = points
      .map((m, i) =>
        m.values[component.key] === undefined ? undefined : `${x(times[i]!).toFixed(1)},${y(m.values[component.key]!).toFixed(1)}`,
      )
      .filter(Boolean)
      .join(' ');
    return svg`<polyline class="series series-${index}" points=${coords} vector-effect="non-scaling-stroke"></polyline>
      ${
        dots
          ? points.map((m, i) =>
              m.values[component.key] === undefined
                ? nothing
                : svg`<circle class="dot series-${index}" cx=${x(times[i]!).toFixed(1)} cy=${y(m.values[component.key]!).toFixed(1)} r="3.5" vector-effect="non-scaling-stroke"></circle>`,
            )
          : nothing
      }`;
  });

  return html`<figure part="chart" class="chart">
    <div class="chart__plot">
      <div class="chart__y" aria-hidden="true">
        <span>${formatNumber(max - pad, type.decimals, locale)}</span>
        <span>${formatNumber(min + pad, type.decimals, locale)}</span>
      </div>
      <svg part="chart-svg" role="img" aria-labelledby=${id} viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none">
        <line class="grid" x1="0" x2=${WIDTH} y1=${y(max - pad).toFixed(1)} y2=${y(max - pad).toFixed(1)} vector-effect="non-scaling-stroke"></line>
        <line class="grid" x1="0" x2=${WIDTH} y1=${y(min + pad).toFixed(1)} y2=${y(min + pad).toFixed(1)} vector-effect="non-scaling-stroke"></line>
        ${series}
      </svg>
    </div>
    <div class="chart__x" aria-hidden="true">
      <span>${formatShortDate(points[0]!.measuredAt, locale)}</span>
      ${points.length > 1 ? html`<span>${formatShortDate(points[points.length - 1]!.measuredAt, locale)}</span>` : nothing}
    </div>
    ${
      type.components.length > 1
        ? html`<ul class="chart__legend" aria-hidden="true">
          ${type.components.map((c, i) => html`<li><span class="swatch series-${i}"></span>${c.label}</li>`)}
        </ul>`
        : nothing
    }
    <figcaption id=${id} class="chart__summary">${summary}</figcaption>
  </figure>`;
}
