// Which `--care-*` tokens the widgets read: every `var(--care-NAME` in the components' sources
// (src/**/*.ts but tests) and, once built, in dist/**/*.js. Used by check-style-tokens.mjs (the
// build fails on a token no widget reads) and by the themes' tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const componentsSrc = fileURLToPath(new URL('../src/', import.meta.url));
export const componentsDist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Every file under `dir` whose name passes `keep`, recursively. */
export function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), keep) : keep(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The token names (`color-primary`) read through `var(--care-…)` in the given files. */
export function tokensReadIn(files) {
  const read = new Set();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/var\(\s*--care-([a-z0-9-]+)\s*[,)]/gi)) read.add(match[1]);
  }
  return read;
}

/**
 * The tokens of `names` that no widget reads: missing from the sources, or (when dist/ is built)
 * from the built files. Each with where it is missing.
 */
export function unreadTokens(names, { src = componentsSrc, dist = componentsDist } = {}) {
  const inSources = tokensReadIn(filesUnder(src, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')));
  const built = filesUnder(dist, (name) => name.endsWith('.js'));
  const inBuild = built.length ? tokensReadIn(built) : undefined;
  return names
    .filter((name) => !inSources.has(name) || (inBuild && !inBuild.has(name)))
    .map((name) => ({ name, where: inSources.has(name) ? 'the built files' : 'the sources' }));
}
