import type { ArgsEnhancer, ArgTypesEnhancer, StrictArgTypes } from 'storybook/internal/types';

/**
 * The custom-elements manifest names types as TypeScript writes them ("string | undefined",
 * "'home' | 'all'", "PortalState"), which Storybook cannot map to a control and shows as an
 * unusable "Set object" button. This turns them into text, number, boolean and radio controls,
 * and switches the control off where there is nothing sensible to type in.
 */
const noControl = new Set([
  // Given by <care-portal> to every widget through its context; changing them here would point
  // the story at a real BFF instead of the fake one.
  'tenant',
  'api',
  // The property behind the `lang` attribute, which has its own control.
  'language',
]);

function controlFor(typeText: string): Partial<StrictArgTypes[string]> {
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'undefined' && part !== 'null');
  if (parts.length === 1 && ['string', 'number', 'boolean'].includes(parts[0]!)) {
    const name = parts[0] as 'string' | 'number' | 'boolean';
    return { type: { name, required: false }, control: { type: name === 'string' ? 'text' : name } };
  }
  if (parts.length > 0 && parts.every((part) => /^'[^']*'$/.test(part))) {
    const options = parts.map((part) => part.slice(1, -1));
    return { type: { name: 'enum', value: options, required: false }, options, control: { type: 'radio' } };
  }
  return { control: false };
}

export const usableControls: ArgTypesEnhancer = (context) => {
  const result: StrictArgTypes = {};
  for (const [name, argType] of Object.entries(context.argTypes)) {
    const category = argType.table?.category;
    if (argType.action || (category !== 'properties' && category !== 'attributes')) {
      result[name] = argType.action ? argType : { ...argType, control: false };
      continue;
    }
    if (noControl.has(name)) {
      result[name] = { ...argType, control: false };
      continue;
    }
    const typeText = String(argType.table?.type?.summary ?? (argType.type as { name?: string } | undefined)?.name ?? '');
    result[name] = { ...argType, ...controlFor(typeText) };
  }
  return result;
};

/** A default as the manifest writes it (`'home'`, `false`, `0`) as a value; undefined where there is none. */
function defaultValue(summary: unknown): unknown {
  if (typeof summary !== 'string') return undefined;
  const text = summary.trim();
  if (/^'[^']*'$|^"[^"]*"$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return undefined;
}

/**
 * Without args, every control starts empty, whatever the element shows ("Alle rapportages" with
 * `view` unset). This gives each control the element's own default from the manifest, under the
 * story's own args (`element('care-reports', { view: 'all' })`), so the panel shows what is there.
 */
export const initialArgs: ArgsEnhancer = (context) => {
  const args: Record<string, unknown> = {};
  for (const [name, argType] of Object.entries(context.argTypes)) {
    if (!argType.control || name in context.initialArgs) continue;
    const value = defaultValue(argType.table?.defaultValue?.summary);
    if (value !== undefined) args[name] = value;
  }
  return args;
};
