// Min+gzip size of every element entry in packages/components/dist, counted as a browser loads it:
// the entry file plus every chunk it statically imports, transitively, each gzipped on its own
// (level 9), as a server sends them. KB here is 1000 bytes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { componentsDist, NotBuiltError } from '../lib/paths.mjs';

export const name = 'bundle';
export const timeoutMs = 30_000;

const BUNDLE = 'care-widgets.bundle.js';
const TARGETS = {
  'care-login.js': { figure: '<care-login> alone', limit: 12_000 },
  [BUNDLE]: { figure: 'all widgets in one bundle', limit: 40_000 },
};

export async function measure() {
  if (!existsSync(componentsDist)) throw new NotBuiltError('packages/components/dist');
  const entries = readdirSync(componentsDist).filter((file) => file.endsWith('.js'));
  const rows = [];

  const login = 'care-login.js';
  if (!entries.includes(login)) {
    rows.push({ figure: `${TARGETS[login].figure}, min+gzip, lit included`, measured: 'not built yet', target: '≤ 12 KB', ok: null });
  }
  for (const entry of entries.sort(byTargetFirst)) {
    const files = staticGraph(join(componentsDist, entry));
    const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
    const target = TARGETS[entry];
    const parts = files.length > 1 ? `, ${files.length} files` : '';
    rows.push({
      figure: target
        ? `${target.figure} (${entry}), min+gzip, lit included`
        : `${entry.replace(/\.js$/, '')} entry + its chunks, min+gzip`,
      measured: `${kb(bytes)} (${bytes.toLocaleString('en')} B${parts}; KB = 1000 B)`,
      target: target ? `≤ ${target.limit / 1000} KB` : '',
      ok: target ? bytes <= target.limit : null,
    });
  }
  return rows;
}

/** The entry and every module it reaches through static `import`/`export … from` of a relative path. */
function staticGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${relative(componentsDist, file)} is imported but missing`);
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Minified output: `import{a as b}from"./chunks/x.js"`, `import"./x.js"`, `export*from"./x.js"`.
    // `import("./x.js")` is lazy and not counted.
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)(["'])(\.{1,2}\/[^"'\n]+?)\1/g)) {
      visit(resolve(dirname(file), match[2]));
    }
  };
  visit(entry);
  return [...seen];
}

function byTargetFirst(a, b) {
  return Number(!TARGETS[a]) - Number(!TARGETS[b]) || a.localeCompare(b);
}

function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
