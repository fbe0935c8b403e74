import type { Locale } from '../shared/i18n.js';
import type { Measurement, MeasurementComponent, MeasurementType } from '@care-widgets/bff/api-types';
export type { Measurement, MeasurementComponent, MeasurementType };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** "72,4" in Dutch, "72.4" in English, always with the type's number of decimals. */
export function formatNumber(value: number, decimals: number, locale: Locale): string {
  const key = `${locale}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** "128/82 mmHg", "72,4 kg": the components in order, joined as on a blood pressure monitor. */
export function formatReading(type: MeasurementType | undefined, values: Record<string, number>, locale: Locale): string {
  if (!type) return Object.values(values).join('/');
  const numbers = type.components.map((c) => (values[c.key] === undefined ? '–' : formatNumber(values[c.key]!, type.decimals, locale)));
  // "Pijnscore 4", not "Pijnscore 4 score": a unit the type's name already ends with says nothing.
  const unit = type.label.toLowerCase().endsWith(type.unit.toLowerCase()) ? '' : ` ${type.unit}`;
  return `${numbers.join('/')}${unit}`;
}

export type ValueProblem =
  { kind: 'required' } | { kind: 'not-a-number' } | { kind: 'out-of-range' } | { kind: 'whole-number' } | { kind: 'too-many-decimals' };

/**
 * Reads what the client typed ("72,4", "72.4", " 128 ") as a number and checks it against the
 * component's range and the type's decimals, as the BFF will.
 */
export function readValue(text: string, component: MeasurementComponent, decimals: number): { value: number } | { problem: ValueProblem } {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return { problem: { kind: 'required' } };
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { problem: { kind: 'not-a-number' } };
  const value = Number(trimmed);
  if (value < component.min || value > component.max) return { problem: { kind: 'out-of-range' } };
  const places = trimmed.split('.')[1]?.replace(/0+$/, '').length ?? 0;
  if (places > decimals) return { problem: { kind: decimals === 0 ? 'whole-number' : 'too-many-decimals' } };
  return { value };
}
