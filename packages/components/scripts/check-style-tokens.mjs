#!/usr/bin/env node
// Component styles use design tokens only (docs/theming.md). Run at the end of `pnpm build`; fails
// naming the file when:
// - a `var(--care-NAME, …)` names a token the base theme does not have, unless its fallback is
//   another `var(--care-…)` (a widget's own documented hook, such as --care-color-chart-1);
// - a token that the base theme defines as a reference to another (--care-button-background-color
//   -> --care-color-primary) does not fall back to that token: the themes do not emit such a
//   reference, the widget resolves it (packages/themes/src/tokens.mjs);
// - a colour fallback differs from the base theme's value, so a widget used without a theme
//   would drift from the design;
// - a colour is written anywhere but as such a fallback;
// and, naming the tokens, when a public token is read by no widget (scripts/token-reads.mjs).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { themes } from '@care-widgets/themes';
import { componentsSrc as src, filesUnder, unreadTokens } from './token-reads.mjs';

const base = Object.fromEntries(Object.entries(themes.base).map(([name, value]) => [name.replace(/^--care-/, ''), String(value).trim()]));
const colour = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i;
const normalise = (value) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/, '#$1$1$2$2$3$3');
const referenceOf = (value) => /^var\(--care-([a-z0-9-]+)\)$/.exec(value)?.[1];

/** Every `var(--care-NAME, fallback)` in `text`, nested ones too, with the text left without them. */
function careVars(text) {
  const found = [];
  let rest = '';
  let at = 0;
  for (let start = text.indexOf('var(--care-'); start !== -1; start = text.indexOf('var(--care-', at)) {
    rest += text.slice(at, start);
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    const inner = text.slice(start + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim().replace(/^--care-/, '');
    const fallback = comma === -1 ? undefined : inner.slice(comma + 1).trim();
    found.push({ name, fallback });
    if (fallback?.includes('var(--care-')) {
      const nested = careVars(fallback);
      found.push(...nested.found);
      rest += nested.rest;
    }
    at = end + 1;
  }
  return { found, rest: rest + text.slice(at) };
}

const problems = [];
for (const file of filesUnder(src, (name) => /styles\.ts$/.test(name))) {
  const where = relative(src, file);
  const { found, rest } = careVars(readFileSync(file, 'utf8'));
  for (const { name, fallback } of found) {
    if (fallback === undefined) continue;
    if (!(name in base)) {
      if (!fallback.startsWith('var(--care-')) problems.push(`${where}: --care-${name} is not a token of the base theme`);
      continue;
    }
    const reference = referenceOf(base[name]);
    if (reference) {
      if (!fallback.startsWith(`var(--care-${reference},`)) {
        problems.push(`${where}: --care-${name} must fall back to var(--care-${reference}, …), as the base theme refers to it`);
      }
    } else if (!fallback.startsWith('var(') && colour.test(fallback) && normalise(fallback) !== normalise(base[name])) {
      problems.push(`${where}: --care-${name} falls back to ${fallback}, the base theme says ${base[name]}`);
    }
  }
  for (const line of rest.split('\n')) {
    if (colour.test(line.replace(/\/\*.*?\*\//g, ''))) problems.push(`${where}: a colour outside a token: ${line.trim()}`);
  }
}
for (const { name, where } of unreadTokens(Object.keys(base))) {
  problems.push(`--care-${name} is a public token of packages/themes, but no widget reads it (not in ${where})`);
}

if (problems.length) {
  console.error(`✗ component styles must use tokens only, and read every public token:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ component styles use tokens only and read every public token');
