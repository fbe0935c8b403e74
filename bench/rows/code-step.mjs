// <care-login>'s step from password to code in Chromium: the time from the click on
// "SMS-inlogcode aanvragen" to the code field in the page, the figure issue 15 asks to keep when
// the code step moves out of the first screen's download.
//
// One throwaway PostgreSQL (seeded), one BFF child in demo mode on it (for the bench page of its
// own origin via EXAMPLES_DIR). LOGINS bench accounts in Zorggroep De Linde (SMS codes), one per
// login, so no account or mobile number reaches its code limit; their password is hashed once
// with the BFF's own argon2id. Every login is a fresh browser context (empty HTTP cache, no
// cookie): the page loads the widgets through the loader (or, before it existed, the element
// modules), the username and password are filled in, and in the page `performance.now()` is taken
// at the click and when a MutationObserver first sees the one-time-code input. Beside it, the time
// from the password check's answer (resource timing of POST auth/login, responseEnd) to the
// field: what the widget itself adds after the BFF has answered.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertBenchClients, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { percentile } from '../lib/load.mjs';
import { bffCli, componentsDist, importBff, NotBuiltError } from '../lib/paths.mjs';

export const name = 'code-step';
export const timeoutMs = 120_000;

const TENANT = 'zorggroep-de-linde';
const PASSWORD = 'Bench-Code-Step-2026!';
const LOGINS = 9;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function benchPage() {
  const scripts = existsSync(join(componentsDist, 'care-widgets.loader.js'))
    ? ['/widgets/care-widgets.loader.js']
    : ['/widgets/care-portal.js', '/widgets/care-login.js'];
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>bench: care-login code step</title>
${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n')}</head>
<body><main><care-portal tenant="${TENANT}" api=""><care-login></care-login></care-portal></main></body></html>
`;
}

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  if (!existsSync(join(componentsDist, 'care-login.js'))) throw new NotBuiltError('packages/components/dist/care-login.js');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const { hashPassword } = await importBff('auth/passwords.js');
  const { chromium } = await import('playwright-core');

  const cleanups = [];
  try {
    const dir = mkdtempSync(join(tmpdir(), 'care-bench-code-step-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'bench-code-step.html'), benchPage());

    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const setup = await openBffDatabase(pg.url, 4);
    cleanups.push(() => setup.close());
    const tenant = await tenantOrThrow(setup.db, TENANT);
    const accounts = await insertBenchClients(setup.db, tenant, { count: LOGINS, label: 'code-step', mobileBase: 60_000_000 });
    const passwordHash = await hashPassword(PASSWORD);
    const ids = accounts.map((a) => a.accountId);
    const usernames = (
      await setup.db
        .updateTable('accounts')
        .set({ password_hash: passwordHash })
        .where('tenant_id', '=', tenant.id)
        .where('id', 'in', ids)
        .returning(['id', 'username'])
        .execute()
    )
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      .map((a) => a.username);

    const bff = await startBff({ ...pg.env, EXAMPLES_DIR: dir }, { args: ['--demo'], readyTimeoutMs: 30_000 });
    cleanups.push(() => bff.stop());
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    cleanups.push(() => browser.close());

    const toField = [];
    const afterAnswer = [];
    for (const username of usernames) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${bff.url}/examples/bench-code-step.html`);
        await page.getByLabel('Gebruikersnaam').fill(username, { timeout: 15_000 });
        await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
        const timing = await page.evaluate(clickAndWaitForCodeField, 'SMS-inlogcode aanvragen');
        if (!timing)
          throw new Error(
            `no code field within 15 s after "SMS-inlogcode aanvragen"${errors.length ? ` (page errors: ${errors.join('; ').slice(0, 160)})` : ''}`,
          );
        toField.push(timing.field - timing.click);
        if (timing.answer) afterAnswer.push(timing.field - timing.answer);
      } finally {
        await context.close();
      }
    }
    toField.sort((a, b) => a - b);
    afterAnswer.sort((a, b) => a - b);
    return [
      {
        figure: `<care-login>: click on "SMS-inlogcode aanvragen" → code field in the page, ${LOGINS} logins, each in a fresh browser context`,
        measured: `median ${percentile(toField, 0.5).toFixed(0)} ms, max ${toField.at(-1).toFixed(0)} ms`,
        target: 'not later than before the code step was lazy',
        ok: null,
        detail: { toFieldMs: toField },
      },
      {
        figure: `<care-login>: password check's answer (POST auth/login) → code field`,
        measured: afterAnswer.length
          ? `median ${percentile(afterAnswer, 0.5).toFixed(0)} ms, max ${afterAnswer.at(-1).toFixed(0)} ms`
          : 'no resource timing',
        target: '',
        ok: null,
        detail: { afterAnswerMs: afterAnswer },
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** In the page: clicks the button named `label`, resolves with the click, answer and field times. */
function clickAndWaitForCodeField(label) {
  const login = document.querySelector('care-login');
  const button = [...login.querySelectorAll('button')].find((b) => b.textContent.includes(label));
  if (!button) throw new Error(`no button "${label}" in <care-login>`);
  return new Promise((resolve) => {
    const fieldThere = () => login.querySelector('input[autocomplete="one-time-code"]');
    const done = () => {
      const answer = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/auth/login'));
      resolve({ click, field: performance.now(), answer: answer?.responseEnd });
    };
    const observer = new MutationObserver(() => {
      if (!fieldThere()) return;
      observer.disconnect();
      done();
    });
    observer.observe(login, { childList: true, subtree: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(undefined);
    }, 15_000);
    const click = performance.now();
    button.click();
  });
}
