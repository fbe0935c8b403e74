// Min+gzip size of every element entry in packages/components/dist, counted as a browser loads it:
// the entry file plus every chunk it statically imports, transitively, each gzipped on its own
// (level 9), as a server sends them, and beside it Brotli (quality 11), as the BFF sends them to a
// browser that accepts it. KB here is 1000 bytes. The figures with a target are the
// build's budgets (packages/components/scripts/bundle-budgets.mjs), beside SPEC.md's target.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentsDist, NotBuiltError, repoRoot } from '../lib/paths.mjs';

export const name = 'bundle';
export const timeoutMs = 30_000;

export async function measure() {
  if (!existsSync(componentsDist)) throw new NotBuiltError('packages/components/dist');
  const {
    budgets,
    kb,
    measure: measureBudget,
  } = await import(pathToFileURL(join(repoRoot, 'packages/components/scripts/bundle-budgets.mjs')).href);
  const entries = readdirSync(componentsDist).filter((file) => file.endsWith('.js'));
  const rows = [];
  const counted = new Set();
  for (const budget of budgets()) {
    if (!budget.files.every((file) => entries.includes(file))) {
      rows.push({ figure: `${budget.name}, min+gzip`, measured: 'not built yet', target: target(budget, kb), ok: null });
      continue;
    }
    const { bytes, brotli, files } = measureBudget(budget, { brotli: true });
    const goal = budget.target ?? budget.limit;
    if (!budget.own && budget.files.length === 1) counted.add(budget.files[0]);
    rows.push({
      figure: `${budget.name}${budget.own ? '' : budget.files.length === 1 ? ` (${budget.files[0]})` : ''}, min+gzip${files > 1 ? ', lit included' : ''}`,
      measured: `${kb(bytes)} (${bytes.toLocaleString('en')} B${files > 1 ? `, ${files} files` : ''}; KB = 1000 B; Brotli, as the BFF sends it: ${brotli.toLocaleString('en')} B)`,
      target: target(budget, kb),
      ok: bytes <= goal,
    });
  }
  for (const entry of entries.filter((file) => !counted.has(file)).sort()) {
    const { bytes, files } = measureBudget({ files: [entry] });
    rows.push({
      figure: `${entry.replace(/\.js$/, '')} entry + its chunks, min+gzip`,
      measured: `${kb(bytes)} (${bytes.toLocaleString('en')} B${files > 1 ? `, ${files} files` : ''}; KB = 1000 B)`,
      target: '',
      ok: null,
    });
  }
  return rows;
}

function target(budget, kb) {
  return `≤ ${kb(budget.target ?? budget.limit).replace('.0 KB', ' KB')}${budget.target ? ` (build limit ${kb(budget.limit)})` : ''}`;
}
