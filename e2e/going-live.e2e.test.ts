import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { focused, tabTo } from './keyboard.js';

/**
 * A care organisation going live as docs/going-live.md describes it: production mode on a real
 * PostgreSQL, the tenant from its file, an integration key for the ECD, real SMS (a loopback
 * server speaking Spryng's API) and real e-mail (an SMTP server). Nothing of the demo is used.
 */
const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/bff/dist/cli.js');
// The SMTP server, its parser and pg are the BFF package's (test) dependencies.
const fromBff = createRequire(join(root, 'packages/bff/package.json'));
const { SMTPServer } = fromBff('smtp-server') as {
  SMTPServer: new (options: Record<string, unknown>) => {
    listen(port: number, host: string, done: () => void): void;
    close(done: () => void): void;
    server: { address(): AddressInfo };
  };
};
const { simpleParser } = fromBff('mailparser') as {
  simpleParser(raw: string): Promise<{
    from?: { value: { name: string; address: string }[] };
    replyTo?: { value: { address: string }[] };
    subject?: string;
    text?: string;
    html?: string | false;
  }>;
};
const pg = fromBff('pg') as {
  Client: new (url: string) => {
    connect(): Promise<void>;
    query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
    end(): Promise<void>;
  };
};
const { startPostgresCluster } = (await import(join(root, 'packages/bff/dist/testing/index.js'))) as {
  startPostgresCluster(): Promise<{ url: string; stop(): Promise<void> }>;
};

interface SmsRequest {
  status: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: { body: string; encoding: string; originator: string; recipients: string[]; route: string; reference: string };
}

const work = mkdtempSync(join(tmpdir(), 'care-live-'));
let cluster: { url: string; stop(): Promise<void> };
let sms: Server;
const smsRequests: SmsRequest[] = [];
/** How many of the next SMS the gateway refuses with 503, as a gateway in trouble does. */
let gatewayFailures = 0;
let smtp: InstanceType<typeof SMTPServer>;
const mails: string[] = [];
let hostPage: Server;
let hostOrigin: string;
let bff: ChildProcess;
let bffUrl: string;
let bffOutput = '';
let browser: Browser;
const secretKey = randomBytes(32).toString('base64');
const smsApiKey = `spryng-${randomBytes(8).toString('hex')}`;

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const freePort = async () => {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

function careBff(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, CARE_MODE: 'production', DATABASE_URL: cluster.url, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const until = async <T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not arrive within ${timeoutMs} ms`);
};

beforeAll(async () => {
  cluster = await startPostgresCluster();

  sms = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const status = gatewayFailures > 0 ? 503 : 200;
      if (gatewayFailures > 0) gatewayFailures--;
      smsRequests.push({ status, path: request.url!, headers: request.headers, body: JSON.parse(body) as SmsRequest['body'] });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? { id: `spryng-${smsRequests.length}` } : { message: 'Service Unavailable' }));
    });
  });
  const smsPort = await listen(sms);

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream: NodeJS.ReadableStream, _session: unknown, callback: () => void) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        mails.push(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = smtp.server.address().port;

  // The organisation's own site: any page with the script and the elements.
  const bffPort = await freePort();
  bffUrl = `http://127.0.0.1:${bffPort}`;
  hostPage = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Cliëntportaal – Zorgcentrum De Berken</title>
<script type="module" src="${bffUrl}/widgets/care-widgets.bundle.js"></script></head>
<body><main><h1>Cliëntportaal</h1><care-portal tenant="zorgcentrum-de-berken" api="${bffUrl}"><care-login></care-login></care-portal></main></body></html>`);
  });
  hostOrigin = `http://127.0.0.1:${await listen(hostPage)}`;

  // Steps 2-4 of docs/going-live.md: migrate, apply the tenant file, a key for the ECD.
  expect(careBff(['migrate']).stdout).toMatch(/^Applied: 0001_initial/);
  const example = JSON.parse(readFileSync(join(root, 'examples/tenants/zorgcentrum-de-berken.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(work, 'tenant.json'), JSON.stringify({ ...example, allowedOrigins: [hostOrigin] }, null, 2));
  const dryRun = careBff(['tenant', 'apply', join(work, 'tenant.json'), '--dry-run']);
  expect(dryRun.stdout).toMatch(/^zorgcentrum-de-berken: would create .*nothing was written/);
  const applied = careBff(['tenant', 'apply', join(work, 'tenant.json')]);
  expect(applied.status).toBe(0);
  expect(applied.stdout).toMatch(/^zorgcentrum-de-berken: created/);
  expect(careBff(['tenant', 'apply', join(work, 'tenant.json')]).stdout).toBe('zorgcentrum-de-berken: up to date; nothing changed.\n');
  writeFileSync(join(work, 'broken.json'), JSON.stringify({ ...example, passwordPolicy: { minLength: 4 } }));
  const broken = careBff(['tenant', 'apply', join(work, 'broken.json')]);
  expect(broken.status).toBe(1);
  expect(broken.stderr).toContain('passwordPolicy.minLength: Too small: expected number to be >=8');
  expect(careBff(['tenant', 'list']).stdout).toContain(
    `zorgcentrum-de-berken  Zorgcentrum De Berken  (${hostOrigin}; 4 measurement types)`,
  );
  expect(careBff(['integration-key', 'create', '--tenant', 'zorgcentrum-de-berken', '--out', join(work, 'ecd.jwk.json')]).status).toBe(0);

  const env = {
    ...process.env,
    CARE_MODE: 'production',
    HOST: '127.0.0.1',
    PORT: String(bffPort),
    DATABASE_URL: cluster.url,
    SECRET_KEY: secretKey,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'debug',
    SMS_PROVIDER: 'spryng',
    SMS_API_KEY: smsApiKey,
    SMS_BASE_URL: `http://127.0.0.1:${smsPort}/v1`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'portaal@zorgcentrum-de-berken.example.nl',
  };
  // Without SMTP production refuses to start, naming what is missing.
  const refused = spawnSync(process.execPath, [cli, 'start'], {
    cwd: root,
    env: { ...env, SMTP_URL: '', MAIL_FROM: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/SMTP_URL: required in production[\s\S]*MAIL_FROM: required in production/);

  bff = spawn(process.execPath, [cli, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  bff.stdout!.on('data', (chunk: Buffer) => (bffOutput += chunk.toString()));
  bff.stderr!.on('data', (chunk: Buffer) => (bffOutput += chunk.toString()));
  await until(
    '/readyz',
    () =>
      /"msg":"listening"/.test(bffOutput)
        ? true
        : bff.exitCode !== null
          ? (() => {
              throw new Error(bffOutput);
            })()
          : undefined,
    60_000,
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (bff && bff.exitCode === null) {
    bff.kill('SIGTERM');
    await new Promise((resolve) => bff.once('exit', resolve));
  }
  await new Promise((resolve) => hostPage?.close(resolve));
  await new Promise((resolve) => sms?.close(resolve));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
});

const person = {
  ecdId: 'BERKEN-1',
  firstName: 'Cornelia',
  lastName: 'Jansen',
  dateOfBirth: '1941-05-17',
  mobilePhone: '+31687654321',
  email: 'c.jansen@example.nl',
};
const password = 'Berken-Herfst-2026!';
const newPassword = 'Berken-Winter-2027!';

describe('going live: Zorgcentrum De Berken in production', () => {
  it('invites a client pushed by the ECD, who activates the account from the e-mail and signs in with the SMS code; nothing secret is logged or stored', async () => {
    // The ECD pushes the client with an e-mail address: an invitation goes out by SMTP.
    const token = careBff([
      'integration-key',
      'token',
      '--tenant',
      'zorgcentrum-de-berken',
      '--key',
      join(work, 'ecd.jwk.json'),
    ]).stdout.trim();
    const { ecdId, ...client } = person;
    const pushed = await fetch(`${bffUrl}/integration/v1/tenants/zorgcentrum-de-berken/clients/${ecdId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(client),
    });
    expect(pushed.status).toBe(201);
    const invitation = await simpleParser(await until('the invitation e-mail', () => mails[0]));
    expect(invitation.from?.value).toEqual([{ name: 'Zorgcentrum De Berken', address: 'portaal@zorgcentrum-de-berken.example.nl' }]);
    expect(invitation.replyTo?.value[0]?.address).toBe('clientenservice@zorgcentrum-de-berken.example.nl');
    expect(invitation.subject).toBe('Uw account voor het cliëntportaal van Zorgcentrum De Berken');
    const link = /^(http\S+\?activate=\S+)$/m.exec(invitation.text ?? '')?.[1];
    expect(link?.startsWith(`${hostOrigin}/?activate=`)).toBe(true);
    expect(invitation.html).toContain(`<a href="${link}">`);

    // Activation in Chromium on the organisation's page, with the keyboard.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(link!);
    await page.waitForSelector('care-login form[data-step="activate"]', { timeout: 15_000 });
    await tabTo(page, 'input:Geboortedatum');
    await page.fill('care-login input[name="dateOfBirth"]', person.dateOfBirth);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="activate-choose"]');
    await tabTo(page, 'input:Wachtwoord');
    await page.keyboard.type(password);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Wachtwoord (herhaal)');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="login"]');
    expect(await page.inputValue('care-login input[name="username"]')).toBe(person.email);

    // The gateway is in trouble for the first try: the client reads why, in Dutch, and may try again.
    gatewayFailures = 1;
    await tabTo(page, 'input:Wachtwoord');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('care-login [role="alert"]')?.textContent?.includes('De sms kon niet worden verstuurd.'),
    );
    expect(await page.textContent('care-login [role="alert"]')).toContain(
      'De sms kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.',
    );
    const refused = smsRequests[0]!;
    expect(refused.status).toBe(503);

    // Sign in: the code comes from the SMS the gateway received, in Spryng's request shape.
    await tabTo(page, 'input:Wachtwoord');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="code"]');
    const request = await until('the login SMS', () => smsRequests.find((r) => r.status === 200));
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['authorization']).toBe(`Bearer ${smsApiKey}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toMatchObject({ encoding: 'auto', originator: 'DeBerken', recipients: ['31687654321'], route: 'business' });
    const code = /^Uw inlogcode is (\d{4})-(\d{6})\n\n@127\.0\.0\.1:\d+ #\1-\2$/.exec(request.body.body);
    expect(code).not.toBeNull();
    expect(await page.textContent('care-login .care-code__prefix')).toBe(`${code![1]}-`);
    await tabTo(page, 'input:Inlogcode');
    await page.keyboard.type(code![2]!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="terms"]');
    await tabTo(page, 'input:Ik ga akkoord met de gebruiksvoorwaarden', 5);
    await page.keyboard.press('Space');
    await tabTo(page, 'button:Doorgaan', 3);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="done"]');
    expect(await page.textContent('care-login')).toContain('U bent ingelogd als');
    const sessionTokens = (await page.context().cookies(bffUrl)).map((cookie) => cookie.value).filter((value) => value.length >= 20);
    expect(sessionTokens.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();

    // A forgotten password: the reset link by e-mail, a new password through the API.
    const widgets = { origin: hostOrigin, 'x-care-widgets': '1', 'content-type': 'application/json' };
    const forgot = await fetch(`${bffUrl}/api/tenants/zorgcentrum-de-berken/auth/password/forgot`, {
      method: 'POST',
      headers: widgets,
      body: JSON.stringify({ username: person.email }),
    });
    expect(forgot.status).toBe(202);
    const resetMail = await simpleParser(await until('the reset e-mail', () => mails[1]));
    const resetToken = /\?reset=(\S+)$/m.exec(resetMail.text ?? '')?.[1];
    expect(resetToken).toBeDefined();
    const reset = await fetch(`${bffUrl}/api/tenants/zorgcentrum-de-berken/auth/password/reset`, {
      method: 'POST',
      headers: widgets,
      body: JSON.stringify({ token: decodeURIComponent(resetToken!), newPassword, repeatPassword: newPassword }),
    });
    expect(reset.status).toBe(200);

    // Every secret of this whole run, searched for in every log line and every outbox row.
    const database = new pg.Client(cluster.url);
    await database.connect();
    const outbox = (await database.query('select channel, status, attempts, provider_message_id, body from outbox order by id')).rows;
    await database.end();
    // The refused SMS waits for its retry, or was dropped because the second login replaced its code.
    expect(outbox.map((row) => [row['channel'], row['status']])).toEqual([
      ['email', 'sent'],
      ['sms', expect.stringMatching(/^(pending|expired)$/)],
      ['sms', 'sent'],
      ['email', 'sent'],
    ]);
    expect(outbox[2]!['provider_message_id']).toBe(`spryng-${smsRequests.indexOf(request) + 1}`);
    expect(smsRequests.filter((r) => r.status === 200)).toHaveLength(1);
    const activationToken = new URL(link!).searchParams.get('activate')!;
    const refusedCode = /(\d{4}-\d{6})/.exec(refused.body.body)![1]!;
    const secrets = {
      activationToken,
      resetToken: decodeURIComponent(resetToken!),
      smsCode: code![2]!,
      refusedCode,
      password,
      newPassword,
      smsApiKey,
      secretKey,
      ...Object.fromEntries(sessionTokens.map((t, i) => [`session${i}`, t])),
    };
    const stored = JSON.stringify(outbox);
    const logLines = bffOutput.split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(10);
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, inLog: bffOutput.includes(secret), inOutbox: stored.includes(secret) }).toEqual({
        name,
        inLog: false,
        inOutbox: false,
      });
    }
    expect(String(outbox[0]!['body'])).toContain(`${hostOrigin}/?[link verwijderd]`);
  });
});
