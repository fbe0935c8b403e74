// Builds every theme's W3C design tokens (tokens/*.tokens.json) into CSS custom properties
// (dist/<theme>.css, `--care-<path>`) and a typed JS export (dist/index.js + index.d.ts).
// A tenant theme lists only what differs from the base theme.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const tokensDir = join(here, 'tokens');
const distDir = join(here, 'dist');

/** Flattens a DTCG group into [path, value] pairs, inheriting `$type` from parent groups. */
export function flattenTokens(group, path = [], inheritedType) {
  const type = group.$type ?? inheritedType;
  const out = [];
  for (const [key, node] of Object.entries(group)) {
    if (key.startsWith('$') || typeof node !== 'object' || node === null) continue;
    if ('$value' in node) out.push([[...path, key].join('-'), cssValue(node.$value, node.$type ?? type)]);
    else out.push(...flattenTokens(node, [...path, key], type));
  }
  return out;
}

function cssValue(value, type) {
  if (type === 'fontFamily' && Array.isArray(value)) return value.map((f) => (/\s/.test(f) ? `"${f}"` : f)).join(', ');
  return String(value);
}

function readTheme(name) {
  return JSON.parse(readFileSync(join(tokensDir, `${name}.tokens.json`), 'utf8'));
}

const themeNames = readdirSync(tokensDir)
  .filter((file) => file.endsWith('.tokens.json'))
  .map((file) => file.replace('.tokens.json', ''));

const base = new Map(flattenTokens(readTheme('base')));
const themes = {};
mkdirSync(distDir, { recursive: true });
for (const name of themeNames) {
  const tokens = new Map(base);
  if (name !== 'base') for (const [key, value] of flattenTokens(readTheme(name))) tokens.set(key, value);
  themes[name] = Object.fromEntries(tokens);
  const body = [...tokens].map(([key, value]) => `  --care-${key}: ${value};`).join('\n');
  writeFileSync(join(distDir, `${name}.css`), `/* care-widgets theme "${name}" — generated from tokens/${name}.tokens.json */\n:root, :host {\n${body}\n}\n`);
}
writeFileSync(join(distDir, 'index.js'), `export const themes = ${JSON.stringify(themes, null, 2)};\n`);
writeFileSync(
  join(distDir, 'index.d.ts'),
  `export type ThemeName = ${themeNames.map((n) => JSON.stringify(n)).join(' | ')};\nexport declare const themes: Record<ThemeName, Record<string, string>>;\n`,
);
console.log(`Built ${themeNames.length} theme(s): ${themeNames.join(', ')}`);
