#!/usr/bin/env node
// Component styles use design tokens only (docs/theming.md). Run at the end of `pnpm build`; fails
// naming the file when:
// - a `var(--care-NAME, …)` names a token the base theme does not have, unless its fallback is
//   another `var(--care-…)` (a widget's own documented hook, such as --care-color-chart-1);
// - a colour fallback differs from the base theme's value, so a widget used without a theme
//   would drift from the design;
// - a colour is written anywhere but as such a fallback.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { themes } from '@care-widgets/themes';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const base = Object.fromEntries(Object.entries(themes.base).map(([name, value]) => [name.replace(/^--care-/, ''), String(value).trim()]));
const colour = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i;
const normalise = (value) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/, '#$1$1$2$2$3$3');

const problems = [];
for (const file of styleFiles(src)) {
  const text = readFileSync(file, 'utf8');
  const where = relative(src, file);
  let rest = text;
  for (const match of text.matchAll(/var\(--care-([a-z0-9-]+)\s*,\s*((?:[^()]|\([^()]*\))*)\)/gi)) {
    const [whole, name, fallback] = match;
    rest = rest.replace(whole, '');
    if (fallback.trim().startsWith('var(--care-')) continue;
    if (!(name in base)) {
      problems.push(`${where}: --care-${name} is not a token of the base theme`);
      continue;
    }
    if (colour.test(fallback) && normalise(fallback) !== normalise(base[name])) {
      problems.push(`${where}: --care-${name} falls back to ${fallback.trim()}, the base theme says ${base[name]}`);
    }
  }
  for (const line of rest.split('\n')) {
    if (colour.test(line.replace(/\/\*.*?\*\//g, ''))) problems.push(`${where}: a colour outside a token: ${line.trim()}`);
  }
}

if (problems.length) {
  console.error(`✗ component styles must use tokens only:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ component styles use tokens only');

function styleFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? styleFiles(join(dir, entry.name)) : /styles\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}
