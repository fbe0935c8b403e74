import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { browserCommands } from './web-test-runner.browser.mjs';
import { signInCommands } from './web-test-runner.sign-in.mjs';
import { testSessionCommands } from './web-test-runner.test-sessions.mjs';

/**
 * Component tests run in real Chromium against a real BFF (in-memory PGlite, demo seed). The BFF
 * is reached through this dev server under /api/, so the page and the API share one origin, as on
 * a host site that proxies the BFF. CARE_BFF_URL points the proxy at a BFF that is already running.
 */
let bff;

const testBff = {
  name: 'care-widgets:test-bff',
  async serverStart() {
    if (process.env.CARE_BFF_URL) {
      bff = { url: process.env.CARE_BFF_URL, close: async () => {} };
      return;
    }
    // Imported here rather than at the top so that CARE_BFF_URL works without a built BFF.
    const { startTestBff } = await import('@care-widgets/bff/testing');
    bff = await startTestBff();
  },
  async serverStop() {
    await bff?.close();
  },
};

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

/** Paths forwarded to the BFF: its API, and the demo's dev outbox (codes sent by SMS and e-mail). */
const bffPrefixes = ['/api/', '/dev/', '/themes/'];

/** Forwards /api/*, /dev/* and /themes/* to the BFF: method, headers and body in; status, headers and body back. */
async function proxyApiToBff(ctx, next) {
  if (!bffPrefixes.some((prefix) => ctx.path.startsWith(prefix))) return next();
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.request.headers)) {
    if (hopByHop.has(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The BFF sees the page as its own origin, as behind a host site's reverse proxy; otherwise its
  // CSRF guard would refuse every POST from the test page.
  if (headers.get('origin') === ctx.origin) headers.set('origin', new URL(bff.url).origin);
  const hasBody = !['GET', 'HEAD'].includes(ctx.method);
  const aborted = new AbortController();
  const response = await fetch(new URL(ctx.originalUrl, bff.url), {
    method: ctx.method,
    signal: aborted.signal,
    headers,
    body: hasBody ? Readable.toWeb(ctx.req) : undefined,
    duplex: hasBody ? 'half' : undefined,
    redirect: 'manual',
  });
  ctx.status = response.status;
  response.headers.forEach((value, name) => {
    // fetch has already decoded the body, so its encoding and length no longer apply.
    if (hopByHop.has(name) || name === 'content-encoding' || name === 'set-cookie') return;
    ctx.set(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) ctx.set('set-cookie', cookies);
  if (response.body && /^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
    // A live stream (GET messages/stream) never ends: pass it on as it comes, and end it at the
    // BFF when the page goes away.
    ctx.res.once('close', () => aborted.abort());
    ctx.body = Readable.fromWeb(response.body);
    return;
  }
  ctx.body = Buffer.from(await response.arrayBuffer());
}

/** Writes {passed, failed, skipped} for the summary line of `pnpm test` (scripts/test-all.mjs). */
function countsFileReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests) counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load has no results but must still fail the run.
        else if (!session.passed) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

export default {
  reporters: [defaultReporter(), ...(process.env.CARE_TEST_RESULTS ? [countsFileReporter(process.env.CARE_TEST_RESULTS)] : [])],
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  middleware: [proxyApiToBff],
  plugins: [
    testBff,
    signInCommands(() => bff.url),
    testSessionCommands(() => bff),
    browserCommands(),
    esbuildPlugin({ ts: true, target: 'es2022' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
};
