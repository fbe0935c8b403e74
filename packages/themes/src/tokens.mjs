// Reads W3C Design Tokens (DTCG) files and resolves them into the custom properties of one theme.
//
// Three tiers, as in NL Design System:
//   brand.*      the organisation's palette. Not emitted: common tokens refer to it by alias.
//   common       color.*, font.*, radius, space… — the `--care-*` properties every widget reads.
//   component    button.*, input.*, focus-ring.* — refer to common tokens, so a host page that
//                overrides `--care-color-primary` also changes the buttons.
//
// A token that only refers to another public token, as in the base theme (button.background-color
// -> {color.primary}), is not emitted: every widget reads it with that token as its fallback
// (`var(--care-button-background-color, var(--care-color-primary, …))`, checked by the
// components' check-style-tokens.mjs), so the reference resolves where the widget is and an
// override of --care-color-primary on an inner widget reaches its buttons too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Groups whose tokens are private to the theme source and not emitted as custom properties. */
const privateGroups = new Set(['brand']);

/**
 * Flattens a DTCG group into `{ name, value, type, description }` tokens, names joined with `-`
 * (`color.text-muted` -> `color-text-muted`), `$type` inherited from parent groups.
 */
export function flattenTokens(group, path = [], inheritedType) {
  const type = group.$type ?? inheritedType;
  const out = [];
  for (const [key, node] of Object.entries(group)) {
    if (key.startsWith('$') || typeof node !== 'object' || node === null) continue;
    if ('$value' in node) {
      out.push({
        name: [...path, key].join('-'),
        path: [...path, key],
        value: node.$value,
        type: node.$type ?? type,
        description: node.$description ?? group.$description,
      });
    } else out.push(...flattenTokens(node, [...path, key], type));
  }
  return out;
}

const aliasPattern = /^\{([^{}]+)\}$/;

function aliasTarget(value) {
  const match = typeof value === 'string' ? aliasPattern.exec(value) : null;
  return match ? match[1].split('.').join('-') : undefined;
}

export function isPrivateToken(token) {
  return privateGroups.has(token.path[0]);
}

function cssValue(value, type) {
  if (type === 'fontFamily' && Array.isArray(value)) return value.map((f) => (/\s/.test(f) ? `"${f}"` : f)).join(', ');
  return String(value);
}

/**
 * Resolves a theme: the base tokens with the theme's tokens laid over them. Returns every token
 * with `resolved` (the literal value, for the contrast check) and `css` (what goes into the
 * stylesheet: an alias to another public token becomes `var(--care-…)`, so it follows overrides)
 * and `emitted` (false for such an alias that the theme takes unchanged from the base theme).
 */
export function resolveTheme(baseTokens, themeTokens = []) {
  const baseValues = new Map(baseTokens.map((token) => [token.name, token.value]));
  const byName = new Map();
  for (const token of [...baseTokens, ...themeTokens]) {
    const previous = byName.get(token.name);
    byName.set(token.name, { ...previous, ...token, description: token.description ?? previous?.description });
  }
  const resolving = new Set();
  const resolve = (name, from) => {
    const token = byName.get(name);
    if (!token) throw new Error(`Token "${from}" refers to "{${name.replaceAll('-', '.')}}", which does not exist.`);
    if (token.resolved !== undefined) return token.resolved;
    if (resolving.has(name)) throw new Error(`Token "${name}" refers to itself through its aliases.`);
    resolving.add(name);
    const target = aliasTarget(token.value);
    token.resolved = target ? resolve(target, name) : cssValue(token.value, token.type);
    resolving.delete(name);
    return token.resolved;
  };
  for (const name of byName.keys()) resolve(name, name);
  for (const token of byName.values()) {
    const target = aliasTarget(token.value);
    const targetToken = target ? byName.get(target) : undefined;
    token.aliasOf = target;
    token.css = targetToken && !isPrivateToken(targetToken) ? `var(--care-${target})` : token.resolved;
    token.emitted = !(token.css.startsWith('var(') && token.value === baseValues.get(token.name));
  }
  return [...byName.values()];
}

/** Reads every tokens/<name>.tokens.json and resolves it over the base theme. */
export function loadThemes(tokensDir) {
  const read = (name) => JSON.parse(readFileSync(join(tokensDir, `${name}.tokens.json`), 'utf8'));
  const names = readdirSync(tokensDir)
    .filter((file) => file.endsWith('.tokens.json'))
    .map((file) => file.replace('.tokens.json', ''))
    .sort((a, b) => (a === 'base' ? -1 : b === 'base' ? 1 : a.localeCompare(b)));
  const base = flattenTokens(read('base'));
  return names.map((name) => {
    const source = read(name);
    return { name, description: source.$description ?? '', tokens: resolveTheme(base, name === 'base' ? [] : flattenTokens(source)) };
  });
}

/**
 * The stylesheet of one theme: every public token as `--care-<name>` on `:root, :host`, but those
 * that only refer to another public token as in the base theme (the widgets resolve those).
 */
export function themeCss(theme) {
  const body = theme.tokens
    .filter((token) => !isPrivateToken(token) && token.emitted)
    .map((token) => `  --care-${token.name}: ${token.css};`)
    .join('\n');
  return `/* care-widgets theme "${theme.name}" — generated from tokens/${theme.name}.tokens.json */\n:root, :host {\n${body}\n}\n`;
}
