import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { importJWK, SignJWT, type JWK } from 'jose';
import { parseArgs } from 'node:util';
import { askDemoServer, loadCliConfig } from '../cli-support.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { tenantBySlug } from '../tenants/queries.js';
import { INTEGRATION_AUDIENCE } from './auth.js';
import {
  createIntegrationKey,
  KEY_ALGORITHMS,
  listIntegrationKeys,
  registerPublicKey,
  revokeIntegrationKey,
  type GeneratedKey,
} from './keys.js';
import type { IntegrationKeyAlgorithm } from './schema.js';

export const integrationKeyUsage = `care-bff integration-key <command> --tenant SLUG …

Keys the care organisation's client record system (ECD) signs its integration tokens with.
Several keys may be active at once (rotation): register the new one, switch the ECD, revoke the old.

  create --tenant SLUG [--alg ES256|EdDSA] [--label TEXT] [--out FILE] [--format jwk|pem]
      make a key pair, register the public key and print the private key ONCE (or write it to
      FILE, mode 0600). jwk (default): one JSON object with kid and alg, all the ECD needs.
  add --tenant SLUG --public-key FILE [--label TEXT]
      register a public key the ECD made itself (JWK or PEM); the private key never leaves the ECD
  list --tenant SLUG
  token --tenant SLUG --key FILE
      print a token signed with the private JWK in FILE (valid 2 minutes, usable once): for
      trying the API with curl
  revoke --tenant SLUG --kid KID
      tokens signed with this key are refused from the next request on

On the embedded database while the demo server runs, "create" asks the server
(--server, default http://HOST:PORT; demo mode only). Everything else needs the server stopped,
or DATABASE_URL.`;

/** `--kid -8BLF…` becomes `--kid=-8BLF…`: the value of these options is always the next argument. */
function attachOptionValues(argv: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (names.includes(arg) && i + 1 < argv.length) out.push(`${arg}=${argv[++i]!}`);
    else out.push(arg);
  }
  return out;
}

/** `care-bff integration-key …`; returns the exit code. */
export async function integrationKeyCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      // A kid is a base64url thumbprint and may start with '-', which parseArgs would take for an option.
      args: attachOptionValues(argv, ['--kid', '--tenant', '--label']),
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        alg: { type: 'string', default: 'ES256' },
        label: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'jwk' },
        'public-key': { type: 'string' },
        kid: { type: 'string' },
        key: { type: 'string' },
        server: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${integrationKeyUsage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help) {
    console.log(integrationKeyUsage);
    return 0;
  }
  const problems: string[] = [];
  if (!command || !['create', 'add', 'list', 'revoke', 'token'].includes(command))
    problems.push('name a command: create, add, list, revoke or token');
  if (!values.tenant) problems.push('--tenant: required');
  if (!KEY_ALGORITHMS.includes(values.alg as IntegrationKeyAlgorithm)) problems.push('--alg: ES256 or EdDSA');
  if (values.format !== 'jwk' && values.format !== 'pem') problems.push('--format: jwk or pem');
  if (command === 'add' && !values['public-key']) problems.push('--public-key: required');
  if (command === 'revoke' && !values.kid) problems.push('--kid: required');
  if (command === 'token' && !values.key) problems.push('--key: required (the private JWK file)');
  if (problems.length) {
    console.error(`${problems.join('\n')}\n\n${integrationKeyUsage}`);
    return 1;
  }
  const slug = values.tenant!;
  const alg = values.alg as IntegrationKeyAlgorithm;
  if (command === 'token') return printToken(slug, values.key!);

  const config = loadCliConfig();
  if (!config) return 2;

  if (command === 'create' && !config.databaseUrl) {
    const asked = await askDemoServer(config, values.server, '/dev/integration-keys', { tenant: slug, alg });
    if (asked === 'unreachable') {
      console.error(`No server answers at ${values.server}.`);
      return 1;
    }
    if (asked) {
      const answer = asked.answer as { kid?: string; privateJwk?: Record<string, unknown>; detail?: string };
      if (asked.status === 201 && answer.privateJwk) {
        if (values.format === 'pem') console.error('The running server hands out JWK only; writing the private key as JWK.');
        return printPrivateKey(
          { kid: answer.kid!, alg, privateJwk: answer.privateJwk, privatePem: '' },
          'jwk',
          values.out,
          `the server at ${asked.server}`,
        );
      }
      console.error(`The server at ${asked.server} refused (${asked.status}): ${answer.detail ?? 'is it running in demo mode?'}`);
      return 1;
    }
  }

  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
  try {
    await migrateToLatest(database.db);
    const tenant = await tenantBySlug(database.db, slug);
    if (!tenant) {
      console.error(`There is no tenant "${slug}".`);
      return 1;
    }
    switch (command) {
      case 'create': {
        const key = await createIntegrationKey(database.db, tenant.id, { alg, label: values.label ?? null });
        return printPrivateKey(key, values.format as 'jwk' | 'pem', values.out, 'the database');
      }
      case 'add': {
        const key = await registerPublicKey(database.db, tenant.id, readFileSync(values['public-key']!, 'utf8'), values.label ?? null);
        console.log(`Registered ${key.alg} key ${key.kid} for ${slug}.`);
        return 0;
      }
      case 'list': {
        const keys = await listIntegrationKeys(database.db, tenant.id);
        if (!keys.length) console.log(`${slug} has no integration keys.`);
        for (const key of keys) {
          console.log(
            `${key.kid}  ${key.alg.padEnd(5)}  created ${key.createdAt}  ${key.revokedAt ? `REVOKED ${key.revokedAt}` : 'active'}${key.label ? `  ${key.label}` : ''}`,
          );
        }
        return 0;
      }
      case 'revoke': {
        if (!(await revokeIntegrationKey(database.db, tenant.id, values.kid!))) {
          console.error(`${slug} has no key ${values.kid}.`);
          return 1;
        }
        console.log(`Revoked ${values.kid}: tokens signed with it are refused from now on.`);
        return 0;
      }
    }
    return 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await database.close();
  }
}

async function printToken(slug: string, file: string): Promise<number> {
  try {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    if (!jwk.kid || !jwk.alg || !jwk.d) throw new Error(`${file} is not a private JWK with kid and alg (as "create" writes it).`);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' })
      .setIssuer(slug)
      .setAudience(INTEGRATION_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(randomUUID())
      .sign(await importJWK(jwk, jwk.alg));
    console.log(token);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function printPrivateKey(
  key: Pick<GeneratedKey, 'kid' | 'alg' | 'privatePem'> & { privateJwk: object },
  format: 'jwk' | 'pem',
  out: string | undefined,
  where: string,
): number {
  const secret = format === 'pem' ? key.privatePem : `${JSON.stringify(key.privateJwk, null, 2)}\n`;
  if (out) {
    writeFileSync(out, secret, { mode: 0o600 });
    console.log(
      `Registered ${key.alg} key ${key.kid} in ${where}; private key written to ${out}. Keep it secret: it is not stored anywhere else.`,
    );
  } else {
    console.error(`Registered ${key.alg} key ${key.kid} in ${where}. The private key follows; it is shown once and not stored:`);
    process.stdout.write(secret);
  }
  if (format === 'pem') console.error(`Sign tokens with header { "alg": "${key.alg}", "kid": "${key.kid}" }.`);
  return 0;
}
