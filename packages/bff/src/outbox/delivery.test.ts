import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelOpenChallenges, issueCodeChallenge } from '../auth/challenges.js';
import { DEVELOPMENT_SECRET_KEY } from '../config.js';
import { createLogger } from '../http/logger.js';
import { configureServerSecret, sealSecret } from '../security/server-secret.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { createOutbox, MessageNotDelivered, providerDelivery, type DeliveryProvider, type OutgoingMessage } from './delivery.js';
import { DeliveryError, type SmsProvider } from './sms-providers.js';
import { createSmtpTransport } from './smtp.js';

let database: TestDatabase;
let tenant: TenantRecord;
const quiet = createLogger('silent');

beforeAll(async () => {
  configureServerSecret(DEVELOPMENT_SECRET_KEY);
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
});
afterAll(async () => {
  await database?.close();
});

const row = (id: number) =>
  database.db.selectFrom('outbox').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
const newest = async () =>
  (await database.db.selectFrom('outbox').select('id').where('tenant_id', '=', tenant.id).orderBy('id', 'desc').executeTakeFirstOrThrow())
    .id;
const sms = (body: string, more: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  tenantId: tenant.id,
  channel: 'sms',
  recipient: '+31612345678',
  sender: 'DeLinde',
  body,
  ...more,
});

/** A provider that answers what the test says and records what it was handed, with the row as stored meanwhile. */
function scriptedProvider(outcomes: ('ok' | 'transient' | 'permanent')[]) {
  const handed: { body: string; storedBody: string }[] = [];
  const provider: DeliveryProvider = {
    name: 'scripted',
    async deliver(message) {
      handed.push({ body: message.body, storedBody: (await row(Number(message.reference))).body });
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'transient') throw new DeliveryError('gateway answered 503', false, 503);
      if (outcome === 'permanent') throw new DeliveryError('gateway answered 400', true, 400);
      return { providerMessageId: `pm-${message.reference}` };
    },
  };
  return { provider, handed };
}

describe('in production no code or link is readable at rest', () => {
  it('seals the body until it is delivered, then keeps it with the code and the link redacted', async () => {
    const { provider, handed } = scriptedProvider(['ok']);
    const outbox = createOutbox(database.db, provider, quiet, { sealBodies: true });
    await outbox.send(sms('Uw inlogcode is 1234-567890 https://www.delinde.example/?reset=abcdefTOKEN'));
    expect(handed[0]!.body).toContain('1234-567890');
    expect(handed[0]!.storedBody).toMatch(/^v1\./);
    expect(handed[0]!.storedBody).not.toContain('567890');
    const stored = await row(await newest());
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, provider_message_id: `pm-${stored.id}` });
    expect(stored.body).toBe('Uw inlogcode is [code verwijderd] https://www.delinde.example/?[link verwijderd]');
  });

  it('keeps the body readable in the demo, for the dev outbox', async () => {
    const outbox = createOutbox(database.db, scriptedProvider([]).provider, quiet, { sealBodies: false });
    await outbox.send(sms('Uw inlogcode is 1234-567890'));
    expect((await row(await newest())).body).toBe('Uw inlogcode is 1234-567890');
  });
});

describe('retries', () => {
  it('a transient failure answers at once and is retried later while the code is valid, then delivered once', async () => {
    const { provider, handed } = scriptedProvider(['transient', 'ok']);
    const outbox = createOutbox(database.db, provider, quiet, { sealBodies: true });
    const error = await outbox
      .send(sms('Uw inlogcode is 1111-222222', { deliverUntil: new Date(Date.now() + 300_000) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageNotDelivered);
    expect((error as MessageNotDelivered).permanent).toBe(false);
    const id = await newest();
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway answered 503' });
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    expect(waiting.body).toMatch(/^v1\./);
    // Not yet due: nothing is claimed.
    expect(await outbox.deliverDue()).toBe(0);
    await database.db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await outbox.deliverDue()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, provider_message_id: `pm-${id}` });
    expect(handed.map((h) => h.body)).toEqual(['Uw inlogcode is 1111-222222', 'Uw inlogcode is 1111-222222']);
    expect(await outbox.deliverDue()).toBe(0);
  });

  it('a permanent failure (an invalid number) is not retried and leaves nothing readable', async () => {
    const { provider, handed } = scriptedProvider(['permanent']);
    const outbox = createOutbox(database.db, provider, quiet, { sealBodies: true });
    const error = await outbox.send(sms('Uw inlogcode is 3333-444444')).catch((e: unknown) => e);
    expect((error as MessageNotDelivered).permanent).toBe(true);
    expect(await row(await newest())).toMatchObject({ status: 'failed', attempts: 1, body: 'Uw inlogcode is [code verwijderd]' });
    await database.db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(0) })
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(await outbox.deliverDue()).toBe(0);
    expect(handed).toHaveLength(1);
  });

  it('does not send a code again once its challenge was replaced', async () => {
    const person = await createClientWithAccount(database.db, tenant);
    const issued = await issueCodeChallenge(database.db, {
      tenantId: tenant.id,
      accountId: person.accountId,
      sessionId: null,
      purpose: 'login',
      channel: 'sms',
      destination: '+31612345678',
    });
    const { provider, handed } = scriptedProvider(['transient']);
    const outbox = createOutbox(database.db, provider, quiet, { sealBodies: true });
    await outbox
      .send(sms(`Uw inlogcode is ${issued.prefix}-${issued.code}`, { challengeId: issued.challengeId, deliverUntil: issued.expiresAt }))
      .catch(() => undefined);
    const id = await newest();
    await cancelOpenChallenges(database.db, tenant.id, person.accountId, 'login');
    await database.db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await outbox.deliverDue()).toBe(1);
    expect(handed).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'expired', body: 'Uw inlogcode is [code verwijderd]' });
  });
});

describe('an instance that dies while sending', () => {
  it('leaves its claim to expire; another instance then delivers the row, and not before', async () => {
    const { provider, handed } = scriptedProvider(['ok']);
    const survivor = createOutbox(database.db, provider, quiet, { sealBodies: true });
    const { id } = await database.db
      .insertInto('outbox')
      .values({
        tenant_id: tenant.id,
        channel: 'email',
        recipient: 'w.smit@example.nl',
        sender: 'Zorg',
        subject: 'Bericht',
        body: sealSecret('tekst'),
        status: 'sending',
        attempts: 1,
        claimed_until: new Date(Date.now() + 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await survivor.deliverDue()).toBe(0);
    await database.db
      .updateTable('outbox')
      .set({ claimed_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await survivor.deliverDue()).toBe(1);
    expect(handed.map((h) => h.body)).toEqual(['tekst']);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('several instances on one database', () => {
  it('hands each queued message to exactly one of them', async () => {
    const handed: string[] = [];
    const provider: DeliveryProvider = {
      name: 'counting',
      async deliver(message) {
        handed.push(message.reference);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return { providerMessageId: null };
      },
    };
    const instances = [0, 1, 2].map(() => createOutbox(database.db, provider, quiet, { sealBodies: true }));
    const other = await createTenant(database.db);
    for (let i = 0; i < 60; i++)
      await database.db
        .insertInto('outbox')
        .values({
          tenant_id: other.id,
          channel: 'email',
          recipient: `p${i}@example.nl`,
          sender: 'Zorg',
          subject: 'Bericht',
          body: `tekst ${i}`,
        })
        .execute();
    const drainAll = async (outbox: (typeof instances)[number]) => {
      while ((await outbox.deliverDue(5)) > 0) {
        // keep claiming until nothing is due
      }
    };
    await Promise.all(instances.map(drainAll));
    expect(handed).toHaveLength(60);
    expect(new Set(handed).size).toBe(60);
    const statuses = await database.db.selectFrom('outbox').select('status').distinct().where('tenant_id', '=', other.id).execute();
    expect(statuses).toEqual([{ status: 'sent' }]);
  });
});

describe('e-mail through SMTP', () => {
  it('sends a plain-text and an HTML part, with the tenant as From name and its reply-to', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const unusedSms: SmsProvider = { name: 'spryng', send: async () => ({ providerMessageId: null }) };
    const provider = providerDelivery(unusedSms, createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'portaal@delinde.example' }));
    const outbox = createOutbox(database.db, provider, quiet, { sealBodies: true });
    try {
      await outbox.enqueue({
        tenantId: tenant.id,
        channel: 'email',
        recipient: 'g.bakker@example.nl',
        sender: 'Zorggroep De Linde',
        replyTo: 'zorg@delinde.example',
        subject: 'Nieuw wachtwoord voor het cliëntportaal',
        body: 'Beste G. Bakker,\n\nKies een nieuw wachtwoord met deze link:\n\nhttps://www.delinde.example/?reset=TOKEN123',
      });
      const id = await newest();
      await expect.poll(async () => (await row(id)).status, { timeout: 5_000 }).toBe('sent');
      const mail = await simpleParser(mails[0]!);
      expect(mail.from?.value).toEqual([{ name: 'Zorggroep De Linde', address: 'portaal@delinde.example' }]);
      expect(mail.replyTo?.value[0]?.address).toBe('zorg@delinde.example');
      expect(mail.subject).toBe('Nieuw wachtwoord voor het cliëntportaal');
      expect(mail.text).toContain('https://www.delinde.example/?reset=TOKEN123');
      expect(mail.html).toContain('<a href="https://www.delinde.example/?reset=TOKEN123">');
      const stored = await row(id);
      expect(stored.provider_message_id).toBe(mail.messageId);
      expect(stored.body).not.toContain('TOKEN123');
    } finally {
      await outbox.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
