#!/usr/bin/env node
// Plays the care organisation's client record system (ECD) against a running BFF: signs a
// short-lived token per request with the ECD's private key (jose), pushes a batch of records,
// reads the changes feed (what clients did in the portal) and answers the newest client message
// as the care team. See docs/integration-api.md.
//
//   pnpm demo                                   # in another terminal: the demo BFF
//   node examples/ecd-simulator.mjs             # push, read changes, reply
//   node examples/ecd-simulator.mjs --watch 10  # then keep polling every 10 s, replying to new messages
//
// The key: --key FILE or ECD_PRIVATE_KEY (a private JWK with kid and alg, as
// `care-bff integration-key create` writes it; or a PKCS#8 PEM with ECD_KID and ECD_ALG).
// Without one, a demo BFF hands out a fresh key at /dev/integration-keys (demo mode only).
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

// jose is a dependency of the BFF package; an ECD would have its own copy.
const jose = await import(pathToFileURL(createRequire(new URL('../packages/bff/package.json', import.meta.url)).resolve('jose')).href);

const AUDIENCE = 'care-widgets:integration';
const { values } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.BFF_URL ?? 'http://127.0.0.1:8787' },
    tenant: { type: 'string', default: 'zorggroep-de-linde' },
    key: { type: 'string' },
    client: { type: 'string', description: 'ECD id of an existing client to push to' },
    'from-start': { type: 'boolean', default: false },
    watch: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url))
      .toString()
      .split('\n')
      .filter((line) => line.startsWith('//'))
      .map((line) => line.slice(3))
      .join('\n'),
  );
  process.exit(0);
}
const server = values.server.replace(/\/$/, '');
const tenant = values.tenant;
const api = `${server}/integration/v1/tenants/${tenant}`;
// The demo seed gives each organisation's clients ECD ids like DL-104233 (De Linde) and HB-104233 (Het Baken).
const demoClient = values.client ?? `${tenant.includes('baken') ? 'HB' : 'DL'}-104233`;
const stateFile = join(tmpdir(), `care-ecd-simulator-${tenant}.json`);

const signingKey = await loadKey();
console.log(`ECD simulator: ${api} with ${signingKey.alg} key ${signingKey.kid}`);

/** A new token for every request: 2 minutes, a fresh jti (the BFF refuses a replay). */
function token() {
  return tokenWith(signingKey);
}
function tokenWith(signingKey) {
  return new jose.SignJWT({})
    .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid, typ: 'JWT' })
    .setIssuer(tenant)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomUUID())
    .sign(signingKey.key);
}

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    headers: { authorization: `Bearer ${await token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.detail ?? answer.title ?? ''}`);
  return answer;
}

function loadState() {
  return existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
}
function saveState(change) {
  writeFileSync(stateFile, JSON.stringify({ ...loadState(), ...change }), { mode: 0o600 });
  chmodSync(stateFile, 0o600); // it may hold a (demo) private key
}

async function loadKey() {
  let text = values.key ? readFileSync(values.key, 'utf8') : process.env.ECD_PRIVATE_KEY;
  const state = loadState();
  if (!text && state.demoKey && state.server === server) {
    // The demo key of an earlier run, if the demo still knows it (a fresh demo database does not).
    const key = { kid: state.demoKey.kid, alg: state.demoKey.alg, key: await jose.importJWK(state.demoKey, state.demoKey.alg) };
    const probe = await fetch(`${api}/changes?limit=1`, { headers: { authorization: `Bearer ${await tokenWith(key)}` } }).catch(
      () => undefined,
    );
    if (probe?.ok) return key;
    saveState({ demoKey: undefined, cursor: undefined });
  }
  if (!text) {
    const response = await fetch(`${server}/dev/integration-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant }),
    }).catch((error) => {
      throw new Error(
        `No BFF answers at ${server} (${error.cause?.code ?? error.message}). Start it with \`pnpm demo\`, or pass --server.`,
      );
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status !== 201) {
      throw new Error(
        `No key given (--key FILE or ECD_PRIVATE_KEY), and ${server} does not hand out demo keys (${response.status} ${answer.detail ?? ''}). Make one with \`care-bff integration-key create --tenant ${tenant} --out ecd.jwk.json\`.`,
      );
    }
    console.log(`(no key given: the demo BFF registered a fresh one, kid ${answer.kid}; kept for the next run in ${stateFile})`);
    saveState({ server, demoKey: answer.privateJwk, cursor: undefined });
    text = JSON.stringify(answer.privateJwk);
  }
  text = text.trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text);
    if (!jwk.kid || !jwk.alg) throw new Error('The private JWK needs its kid and alg (care-bff integration-key create writes both).');
    return { kid: jwk.kid, alg: jwk.alg, key: await jose.importJWK(jwk, jwk.alg) };
  }
  const kid = process.env.ECD_KID;
  const alg = process.env.ECD_ALG ?? 'ES256';
  if (!kid) throw new Error('With a PEM private key, set ECD_KID (and ECD_ALG if not ES256).');
  return { kid, alg, key: await jose.importPKCS8(text, alg) };
}

/** A one-page PDF with a line of text, so the plan shows up in <care-plan>. */
function tinyPdf(line) {
  const content = `BT /F1 14 Tf 72 760 Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function report(summary) {
  const problems = summary.results.filter((r) => r.errors || r.warnings);
  const line = `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.invalid} invalid, ${summary.conflict} conflict`;
  return problems.length
    ? `${line}\n${problems.map((r) => `      item ${r.index} (${r.ecdId}): ${[...(r.errors ?? []), ...(r.warnings ?? [])].map((e) => `${e.field}: ${e.detail}`).join('; ')}`).join('\n')}`
    : line;
}

async function pushBatch() {
  const today = new Date();
  const at = (days, hour, minute = 0) => {
    const d = new Date(today);
    d.setDate(d.getDate() + days);
    d.setHours(hour, minute, 0, 0);
    return d.toISOString();
  };
  console.log(`\n1. Push a batch (a new client, and records for ${demoClient} of the demo seed)`);
  const clients = await call('POST', '/clients', {
    items: [
      {
        ecdId: 'SIM-1',
        initials: 'A.',
        firstName: 'Anna',
        lastNamePrefix: 'de',
        lastName: 'Simulant',
        dateOfBirth: '1941-05-17',
        mobilePhone: '+31611223344',
        email: 'anna.simulant@example.nl',
        city: 'Lindeveen',
      },
    ],
  });
  console.log(`   clients:        ${report(clients)}${clients.created ? ' (activation e-mail: see /dev/outbox)' : ''}`);
  const reports = await call('POST', '/reports', {
    items: [
      {
        ecdId: 'SIM-R-1',
        clientEcdId: demoClient,
        writtenAt: at(0, 8, 30),
        authorName: 'Zr. Simons (ECD)',
        text: 'Ochtendzorg gegeven. Mevrouw was goed gehumeurd en heeft zelf ontbeten.',
      },
      {
        ecdId: 'SIM-R-2',
        clientEcdId: 'SIM-1',
        writtenAt: at(0, 9),
        authorName: 'Zr. Simons (ECD)',
        text: 'Intake gedaan; zorgplan volgt.',
      },
    ],
  });
  console.log(`   reports:        ${report(reports)}`);
  const measurements = await call('POST', '/measurements', {
    items: [
      {
        ecdId: 'SIM-M-1',
        clientEcdId: demoClient,
        typeCode: 'bloeddruk',
        measuredAt: at(0, 8, 45),
        values: { systolic: 132, diastolic: 84 },
        authorName: 'Zr. Simons (ECD)',
      },
      {
        ecdId: 'SIM-M-2',
        clientEcdId: demoClient,
        typeCode: 'bloeddruk',
        measuredAt: at(0, 8, 46),
        values: { systolic: 400, diastolic: 84 },
        authorName: 'Zr. Simons (ECD)',
      },
    ],
  });
  console.log(`   measurements:   ${report(measurements)}  ← the second one is out of range on purpose`);
  const appointments = await call('POST', '/appointments', {
    items: [
      {
        ecdId: 'SIM-A-1',
        clientEcdId: demoClient,
        startsAt: at(2, 10),
        endsAt: at(2, 10, 30),
        title: 'Wondcontrole',
        careWorkerName: 'Zr. Simons',
        location: 'Thuis',
      },
      { ecdId: 'SIM-A-2', clientEcdId: demoClient, startsAt: at(3, 14), endsAt: at(3, 15), title: 'Fysiotherapie', cancelled: true },
    ],
  });
  console.log(`   appointments:   ${report(appointments)}`);
  const pdf = tinyPdf(`Zorgplan Anna de Simulant - versie 1 - ${today.toISOString().slice(0, 10)}`);
  const plan = await call('PUT', '/plan-documents/SIM-P-1', {
    clientEcdId: 'SIM-1',
    title: 'Zorgplan',
    version: '1',
    documentDate: today.toISOString().slice(0, 10),
    fileName: 'zorgplan-simulant.pdf',
    pdfBase64: pdf.toString('base64'),
  });
  console.log(`   plan document:  ${plan.status} (${pdf.length} bytes)`);
}

function loadCursor() {
  return values['from-start'] ? undefined : loadState().cursor;
}

function describe(change) {
  const d = change.data;
  switch (change.kind) {
    case 'message.created':
      return `${d.senderName}: "${d.body}"`;
    case 'report.created':
      return `${d.authorName} wrote: "${String(d.text).slice(0, 60)}"`;
    case 'measurement.created':
      return `${d.typeCode} ${JSON.stringify(d.values)}`;
    case 'plan.decided':
      return `plan ${d.planEcdId ?? change.resourceId} ${d.decision}${d.reason ? ` ("${d.reason}")` : ''}, sha256 ${String(d.documentSha256).slice(0, 12)}…`;
    case 'profile.changed':
      return `mobile ${d.mobilePhone ?? '-'}, e-mail ${d.email ?? '-'}`;
    default:
      return JSON.stringify(d).slice(0, 80);
  }
}

/** Reads every change after the saved cursor, answers the newest client message, saves the cursor. */
async function readChangesAndReply() {
  let cursor = loadCursor();
  const changes = [];
  for (;;) {
    const page = await call('GET', `/changes?limit=1000${cursor ? `&after=${cursor}` : ''}`);
    changes.push(...page.items);
    cursor = page.next;
    if (!page.more) break;
  }
  saveState({ cursor });
  console.log(`   ${changes.length} change(s) since the last run (cursor ${cursor}, kept in ${stateFile})`);
  for (const change of changes.slice(-15))
    console.log(`   ${change.occurredAt}  ${change.kind.padEnd(19)} ${change.client.ecdId ?? change.client.id}  ${describe(change)}`);

  const question = changes.filter((change) => change.kind === 'message.created' && change.client.ecdId).at(-1);
  if (!question) return;
  // The reply's ecdId derives from the question, so running the simulator twice replies once.
  const reply = await call('POST', '/messages', {
    items: [
      {
        ecdId: `SIM-REPLY-${question.resourceId}`,
        clientEcdId: question.client.ecdId,
        senderName: 'Zr. Simons (zorgteam)',
        body: `Dank u voor uw bericht. We hebben het gelezen en komen er bij het volgende bezoek op terug.`,
      },
    ],
  });
  console.log(`   replied to "${String(question.data.body).slice(0, 40)}" of ${question.client.ecdId}: ${reply.results[0].status}`);
}

try {
  await pushBatch();
  console.log('\n2. Read the changes feed and answer the newest client message');
  await readChangesAndReply();
  if (values.watch) {
    const seconds = Number(values.watch) || 10;
    console.log(`\nWatching every ${seconds} s (Ctrl-C stops). Send a message in <care-messages> and see the reply arrive.`);
    for (;;) {
      await sleep(seconds * 1000);
      await readChangesAndReply();
    }
  }
} catch (error) {
  console.error(`\n${error.message}`);
  process.exit(1);
}
