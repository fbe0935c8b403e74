import type { MeasurementComponent } from '../db/schema.js';
import type { FieldError } from '../http/problem.js';

function decimalsOf(value: number): number {
  const text = String(value);
  if (/e-/i.test(text)) return Number(text.split(/e-/i)[1]) + (text.split('.')[1]?.split(/e/i)[0]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** Every component present, nothing else, each within its range and with at most the type's decimals. */
export function valueErrors(
  type: { unit: string; decimals: number; components: MeasurementComponent[] },
  values: Record<string, number>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const component of type.components) {
    const value = values[component.key];
    const field = `values.${component.key}`;
    if (value === undefined) errors.push({ field, detail: `required (${component.label})` });
    else if (!Number.isFinite(value)) errors.push({ field, detail: 'must be a number' });
    else if (value < component.min || value > component.max) {
      errors.push({ field, detail: `must be between ${component.min} and ${component.max} ${type.unit}` });
    } else if (decimalsOf(value) > type.decimals) {
      errors.push({ field, detail: type.decimals === 0 ? 'must be a whole number' : `at most ${type.decimals} decimal(s)` });
    }
  }
  for (const key of Object.keys(values)) {
    if (!type.components.some((component) => component.key === key))
      errors.push({ field: `values.${key}`, detail: 'not a value of this measurement type' });
  }
  return errors;
}
