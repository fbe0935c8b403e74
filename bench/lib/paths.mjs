import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const bffDir = join(repoRoot, 'packages/bff');
export const bffDist = join(bffDir, 'dist');
export const bffCli = join(bffDist, 'cli.js');
export const componentsDist = join(repoRoot, 'packages/components/dist');

/** The BFF's own copies of pg and kysely, so the bench measures the versions it ships with. */
export const requireFromBff = createRequire(join(bffDir, 'package.json'));

/** Imports a module of the built BFF, e.g. `importBff('auth/session.js')`. */
export async function importBff(path) {
  const file = join(bffDist, path);
  if (!existsSync(file)) throw new NotBuiltError(`packages/bff/dist/${path}`);
  return import(pathToFileURL(file).href);
}

/** A part of the product the figure depends on does not exist yet: the row says so, no failure. */
export class NotBuiltError extends Error {
  constructor(what) {
    super(`not built yet (${what} missing)`);
    this.name = 'NotBuiltError';
  }
}
