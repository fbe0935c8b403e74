import { extname, resolve, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Config } from '../config.js';
import { Problem } from '../http/problem.js';
import { chooseEncoding, encodedBody, staticFile } from './static-file.js';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The strict Content-Security-Policy of the example page that proves the widgets need neither
 * 'unsafe-inline' nor 'unsafe-eval' (docs/embedding.md lists what a host page must allow).
 */
export const strictExampleCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Extra response headers of single example pages. */
const examplePageHeaders: Record<string, Record<string, string>> = {
  'strict-csp.html': { 'content-security-policy': strictExampleCsp },
};

/** The built widget bundle for every host page, and in demo mode the example host pages. */
export function staticRoutes(config: Config) {
  const app = new Hono<AppEnv>();
  // Module scripts are fetched in CORS mode: a host page on another origin needs this header.
  app.get('/widgets/*', (c) =>
    serveFile(c, config.widgetsDir, c.req.path.slice('/widgets/'.length), { 'access-control-allow-origin': '*' }),
  );
  if (config.mode === 'demo') {
    app.get('/', (c) => serveFile(c, config.examplesDir, 'index.html'));
    app.get('/examples/*', (c) => {
      const file = c.req.path.slice('/examples/'.length) || 'index.html';
      return serveFile(c, config.examplesDir, file, examplePageHeaders[file]);
    });
  }
  return app;
}

async function serveFile<E extends AppEnv>(
  c: Context<E>,
  rootDir: string,
  relativePath: string,
  extraHeaders: Record<string, string> = {},
) {
  const root = resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    throw Problem.notFound();
  }
  const path = resolve(root, decoded.endsWith('/') || decoded === '' ? `${decoded}index.html` : decoded);
  if (path !== root && !path.startsWith(root + sep)) throw Problem.notFound();
  const file = await staticFile(path);
  if (!file) throw Problem.notFound('There is no such file. Has the widget bundle been built (pnpm build)?');

  const encoding = file.compressible ? chooseEncoding(c.req.header('accept-encoding')) : undefined;
  const encoded = encoding ? await encodedBody(file, encoding) : undefined;
  const etag = `"${file.etag}${encoded ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    etag,
    'cache-control': 'no-cache',
    ...(file.compressible ? { vary: 'Accept-Encoding' } : {}),
    ...(encoded ? { 'content-encoding': encoding! } : {}),
    ...(file.sourceMap ? { sourcemap: file.sourceMap } : {}),
    ...extraHeaders,
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(encoded ?? file.body, 200, headers);
}
