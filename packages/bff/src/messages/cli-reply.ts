import { parseArgs } from 'node:util';
import { askDemoServer, loadCliConfig } from '../cli-support.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { fieldErrors } from '../http/problem.js';
import { replyAsCareTeam, staffReplySchema } from './staff-reply.js';

export const replyUsage = `care-bff reply --tenant SLUG --client-username USER --from "Naam" "tekst" [--server URL]

Demo only: a care team member answers in the client's message thread; an open <care-messages>
shows it at once. With DATABASE_URL the message goes straight into PostgreSQL. On the embedded
PGlite database the running demo server holds the data, so the reply is sent to it
(--server, default http://HOST:PORT); when no server answers, the data directory is written directly.`;

/** `care-bff reply …`; returns the exit code. */
export async function replyCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        'client-username': { type: 'string' },
        from: { type: 'string' },
        server: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${replyUsage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(replyUsage);
    return 0;
  }
  const input = staffReplySchema.safeParse({
    tenant: values.tenant,
    clientUsername: values['client-username'],
    from: values.from,
    body: positionals.join(' '),
  });
  if (!input.success) {
    const names: Record<string, string> = {
      tenant: '--tenant',
      clientUsername: '--client-username',
      from: '--from',
      body: 'the message text',
    };
    console.error(
      `${fieldErrors(input.error)
        .map((e) => `${names[e.field] ?? e.field}: ${e.detail}`)
        .join('\n')}\n\n${replyUsage}`,
    );
    return 1;
  }

  const config = loadCliConfig();
  if (!config) return 2;

  if (!config.databaseUrl) {
    const asked = await askDemoServer(config, values.server, '/dev/messages/reply', input.data);
    if (asked === 'unreachable') {
      console.error(`No server answers at ${values.server}.`);
      return 1;
    }
    if (asked?.status === 201) {
      console.log(`Reply stored (message ${String(asked.answer['messageId'])}) by the server at ${asked.server}.`);
      return 0;
    }
    if (asked) {
      console.error(
        `The server at ${asked.server} refused the reply (${asked.status}): ${String(asked.answer['detail'] ?? 'is it running in demo mode?')}`,
      );
      return 1;
    }
  }

  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
  try {
    await migrateToLatest(database.db);
    const result = await replyAsCareTeam(database.db, input.data);
    if (!result.ok) {
      console.error(
        result.reason === 'unknown-tenant'
          ? `There is no tenant "${input.data.tenant}".`
          : `No client has the username "${input.data.clientUsername}".`,
      );
      return 1;
    }
    console.log(`Reply stored (message ${result.messageId}).`);
    return 0;
  } finally {
    await database.close();
  }
}
