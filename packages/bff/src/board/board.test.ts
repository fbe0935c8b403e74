import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { addContact } from '../contacts/queries.js';
import { noRights, type Rights } from '../contacts/rights.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { EventReader } from '../testing/event-reader.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { BoardPostView, BoardReplyView } from './queries.js';

let database: TestDatabase;
let call: ReturnType<typeof caller>;
let tenant: TenantRecord;
let johanna: SignedInClient;
let other: SignedInClient;
type Who = { tenant: TenantRecord; token: string; accountId: string };
let marieke: Who;
let bram: Who;
let noBoard: Who;

interface Page {
  items: BoardPostView[];
  nextBefore: string | null;
  unreadCount: number;
}

async function contact(name: string, relationship: 'daughter' | 'son', rights: Rights): Promise<Who> {
  const added = await addContact(
    database.db,
    { tenantId: tenant.id, clientId: johanna.clientId },
    {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nl`,
      mobile: '+31687654321',
      relationship,
      rights,
      invitedByAccountId: johanna.accountId,
    },
  );
  if (added.outcome !== 'added') throw new Error(`${name} not added`);
  await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', added.accountId).execute();
  const { token } = await createSession(database.db, {
    tenant,
    accountId: added.accountId,
    clientId: johanna.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return { tenant, token, accountId: added.accountId };
}

const post = (who: { tenant: TenantRecord; token: string }, body: unknown, key: string | null = randomUUID()) =>
  call(who, '/board/posts', { json: body, headers: key ? { 'idempotency-key': key } : {} });
const reply = (who: { tenant: TenantRecord; token: string }, postId: string, text: string, key = randomUUID()) =>
  call(who, `/board/posts/${postId}/replies`, { json: { text }, headers: { 'idempotency-key': key } });
const page = async (who: { tenant: TenantRecord; token: string }, query = '') => {
  const response = await call(who, `/board${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
};
const created = async (response: Response) => {
  expect(response.status).toBe(201);
  return (await response.json()) as BoardPostView;
};

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  clearTenantCache();
  call = caller(createTestApp(database).app);
  johanna = await signedInClient(database.db, tenant);
  other = await signedInClient(database.db, tenant);
  await database.db
    .updateTable('clients')
    .set({ first_name: 'Johanna', last_name_prefix: 'de', last_name: 'Vries' })
    .where('id', '=', johanna.clientId)
    .execute();
  marieke = await contact('Marieke de Vries', 'daughter', { ...noRights, board: true });
  bram = await contact('Bram de Vries', 'son', { ...noRights, board: true });
  noBoard = await contact('Joris de Vries', 'son', { ...noRights, messages: true });
});
afterAll(async () => {
  await database?.close();
});

describe('posts and replies', () => {
  it('shows a contact person’s post to the client with the author as "Marieke de Vries (dochter)", newest first', async () => {
    const first = await created(await post(johanna, { text: 'Goedemorgen allemaal!' }));
    const second = await created(await post(marieke, { text: '  Vanmiddag kom ik langs met de kleinkinderen.  ' }));
    expect(second).toMatchObject({
      text: 'Vanmiddag kom ik langs met de kleinkinderen.',
      author: { kind: 'contact', name: 'Marieke de Vries', relationship: 'daughter', label: 'Marieke de Vries (dochter)', own: true },
      photos: [],
      replies: [],
      replyCount: 0,
      canDelete: true,
    });
    const seen = await page(johanna);
    expect(seen.items.map((p) => p.id).slice(0, 2)).toEqual([second.id, first.id]);
    expect(seen.items[0]).toMatchObject({ author: { label: 'Marieke de Vries (dochter)', own: false }, canDelete: true });
    expect(seen.items[1]).toMatchObject({ author: { kind: 'client', label: 'Johanna de Vries', own: true } });
    // Bram sees both, but may remove neither.
    const brams = await page(bram);
    expect(brams.items.slice(0, 2).map((p) => p.canDelete)).toEqual([false, false]);
  });

  it('puts replies under their post, oldest first, for everyone with the right', async () => {
    const parent = await created(await post(bram, { text: 'Wie gaat er mee naar de kerstmarkt?' }));
    const a = (await (await reply(marieke, parent.id, 'Ik!')).json()) as BoardReplyView;
    const b = (await (await reply(johanna, parent.id, 'Ik ook, gezellig.')).json()) as BoardReplyView;
    expect(a).toMatchObject({ postId: parent.id, author: { label: 'Marieke de Vries (dochter)' }, canDelete: true });
    const shown = (await page(bram)).items.find((p) => p.id === parent.id)!;
    expect(shown.replies.map((r) => [r.text, r.author.label, r.canDelete])).toEqual([
      ['Ik!', 'Marieke de Vries (dochter)', false],
      ['Ik ook, gezellig.', 'Johanna de Vries', false],
    ]);
    expect(shown.replyCount).toBe(2);
    expect(b.canDelete).toBe(true);
  });

  it('pages through older posts with before', async () => {
    for (let i = 0; i < 5; i++) await created(await post(johanna, { text: `Bericht ${i}` }));
    const first = await page(johanna, '?limit=3');
    expect(first.items).toHaveLength(3);
    const next = await page(johanna, `?limit=3&before=${first.nextBefore}`);
    expect(next.items[0]!.id).not.toBe(first.items[2]!.id);
    expect(new Set([...first.items, ...next.items].map((p) => p.id)).size).toBe(6);
    expect((await call(johanna, `/board?before=${randomUUID()}`)).status).toBe(404);
  });

  it('refuses an empty or too long text, and a reply to a post of another board', async () => {
    for (const body of [{ text: '' }, { text: '  \n ' }, { text: 'x'.repeat(2001) }, {}]) {
      const response = await post(marieke, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'text' }] });
    }
    expect((await post(marieke, { text: '😊'.repeat(2000) })).status).toBe(201);
    const elsewhere = await created(await post(other, { text: 'Op mijn eigen prikbord' }));
    expect((await reply(marieke, elsewhere.id, 'Hallo?')).status).toBe(404);
    expect((await page(johanna)).items.map((p) => p.id)).not.toContain(elsewhere.id);
  });

  it('stores a retried post once under its Idempotency-Key, and refuses the key for another text', async () => {
    const key = randomUUID();
    const one = await created(await post(marieke, { text: 'Twee keer verstuurd' }, key));
    const again = await post(marieke, { text: 'Twee keer verstuurd' }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as BoardPostView).id).toBe(one.id);
    expect((await post(marieke, { text: 'Iets anders' }, key)).status).toBe(409);
    expect((await post(marieke, { text: 'Zonder sleutel' }, null)).status).toBe(400);
    const count = await database.db.selectFrom('board_posts').select('id').where('text', '=', 'Twee keer verstuurd').execute();
    expect(count).toHaveLength(1);
  });
});

describe('removing', () => {
  it('lets an author remove their own post and reply, and not someone else’s', async () => {
    const mine = await created(await post(marieke, { text: 'Van Marieke' }));
    const brams = (await (await reply(bram, mine.id, 'Van Bram')).json()) as BoardReplyView;
    const refused = await call(marieke, `/board/replies/${brams.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'not-yours', detail: 'U kunt alleen uw eigen reacties verwijderen.' });
    expect((await call(bram, `/board/posts/${mine.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(bram, `/board/replies/${brams.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(marieke, `/board/posts/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(marieke, `/board/posts/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await page(johanna)).items.map((p) => p.id)).not.toContain(mine.id);
  });

  it('lets the client remove anything on the own board, replies going with their post', async () => {
    const theirs = await created(await post(bram, { text: 'Van Bram, weg ermee' }));
    await reply(marieke, theirs.id, 'Een reactie');
    expect((await call(johanna, `/board/posts/${theirs.id}`, { method: 'DELETE' })).status).toBe(204);
    const left = await database.db.selectFrom('board_replies').select('id').where('post_id', '=', theirs.id).execute();
    expect(left).toEqual([]);
    const elsewhere = await created(await post(other, { text: 'Niet van Johanna' }));
    expect((await call(johanna, `/board/posts/${elsewhere.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('rights and audit', () => {
  it('refuses a contact person without the board right with 403 no-right', async () => {
    const response = await call(noBoard, '/board');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: 'no-right',
      area: 'board',
      detail: 'U heeft geen toegang tot het prikbord van Johanna de Vries.',
    });
  });

  it('audits every page with the posts it showed, and every write, as the person on behalf of the client', async () => {
    const written = await created(await post(marieke, { text: 'Voor het logboek' }));
    const shown = await page(marieke, '?limit=2');
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'client_id', 'on_behalf_of_client_id', 'actor_account_id', 'details'])
      .where('actor_account_id', '=', marieke.accountId)
      .where('action', 'in', ['board.post', 'board.list'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(rows[1]).toMatchObject({ action: 'board.post', resource_id: written.id, on_behalf_of_client_id: johanna.clientId });
    expect(rows[0]).toMatchObject({ action: 'board.list', client_id: johanna.clientId, details: { posts: shown.items.map((p) => p.id) } });
  });
});

describe('unread count and the live stream', () => {
  it('counts the posts and replies of others since the person last looked', async () => {
    await call(bram, '/board/read', { method: 'POST' });
    expect((await page(bram)).unreadCount).toBe(0);
    const news = await created(await post(marieke, { text: 'Nieuw voor Bram' }));
    await reply(johanna, news.id, 'En een reactie');
    await created(await post(bram, { text: 'Van Bram zelf telt niet' }));
    expect(await (await call(bram, '/board/unread-count')).json()).toEqual({ unreadCount: 2 });
    expect((await page(bram)).unreadCount).toBe(2);
    expect(await (await call(bram, '/board/read', { method: 'POST' })).json()).toEqual({ unreadCount: 0 });
  });

  it('pushes new posts, replies and removals to an open board with each reader’s view', async () => {
    const response = await call(johanna, '/board/stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = new EventReader(response);
    try {
      await stream.next((e) => e.event === 'unread');
      const sent = await created(await post(marieke, { text: 'Live erbij' }));
      const pushed = JSON.parse((await stream.next((e) => e.event === 'post', 2000)).data!) as BoardPostView;
      expect(pushed).toMatchObject({
        id: sent.id,
        text: 'Live erbij',
        author: { label: 'Marieke de Vries (dochter)', own: false },
        canDelete: true,
      });
      expect(await stream.unread()).toBeGreaterThan(0);
      const answered = (await (await reply(bram, sent.id, 'Live reactie')).json()) as BoardReplyView;
      const pushedReply = JSON.parse((await stream.next((e) => e.event === 'reply', 2000)).data!) as BoardReplyView;
      expect(pushedReply).toMatchObject({
        id: answered.id,
        postId: sent.id,
        text: 'Live reactie',
        author: { label: 'Bram de Vries (zoon)' },
      });
      await call(marieke, `/board/posts/${sent.id}`, { method: 'DELETE' });
      expect(JSON.parse((await stream.next((e) => e.event === 'removed', 2000)).data!)).toEqual({
        kind: 'post',
        id: sent.id,
        postId: null,
      });
      // Another client's board stays silent.
      await created(await post(other, { text: 'Niet voor Johanna' }));
      const mine = await created(await post(johanna, { text: 'Eigen bericht' }));
      expect((JSON.parse((await stream.next((e) => e.event === 'post', 2000)).data!) as BoardPostView).id).toBe(mine.id);
    } finally {
      await stream.close();
    }
  });
});

describe('the changes feed', () => {
  it('holds the posts and replies of the client and contact persons, and their removal', async () => {
    const written = await created(await post(marieke, { text: 'Voor de zorg' }));
    const answered = (await (await reply(johanna, written.id, 'Gezien')).json()) as BoardReplyView;
    await call(marieke, `/board/posts/${written.id}`, { method: 'DELETE' });
    const { rows } = await sql<{ kind: string; resource_id: string; data: Record<string, unknown> }>`
      select kind, resource_id, data from integration_changes
       where client_id = ${johanna.clientId} and resource_id in (${written.id}, ${answered.id}) order by seq`.execute(database.db);
    expect(rows.map((r) => [r.kind, r.resource_id])).toEqual([
      ['board.post.created', written.id],
      ['board.reply.created', answered.id],
      ['board.post.removed', written.id],
    ]);
    expect(rows[0]!.data).toMatchObject({
      authorName: 'Marieke de Vries',
      authorKind: 'contact',
      authorRelationship: 'daughter',
      text: 'Voor de zorg',
    });
  });
});
