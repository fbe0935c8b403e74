import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardPostView } from '../board/queries.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { EventReader } from '../testing/event-reader.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { BatchSummary } from './batch.js';
import { ecdCaller, feedReader } from './integration-test-kit.js';
import { createIntegrationKey } from './keys.js';

/** The care team on the bulletin board through the integration API, and the board in the changes feed. */
let database: TestDatabase;
let tenant: TenantRecord;
let ecd: ReturnType<typeof ecdCaller>;
let widget: ReturnType<typeof caller>;
let feed: ReturnType<typeof feedReader>;
const clients: SignedInClient[] = [];

const client = (item: Record<string, unknown>) => ({
  firstName: 'Cliënt',
  lastName: String(item['ecdId']),
  dateOfBirth: '1940-05-01',
  ...item,
});
const board = async (who: SignedInClient) => {
  const response = await widget(who, '/board');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: BoardPostView[] }).items;
};

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  clearTenantCache();
  const { app } = createTestApp(database);
  ecd = ecdCaller(app as never as Hono<never>, tenant, await createIntegrationKey(database.db, tenant.id));
  widget = caller(app);
  feed = feedReader((method, path) => ecd(method, path));
  // Four portal clients, three in De Hoeve (two in team Noord), as the ECD files them.
  for (const ecdId of ['K-1', 'K-2', 'K-3', 'K-4']) {
    const signedIn = await signedInClient(database.db, tenant);
    await database.db.updateTable('clients').set({ ecd_id: ecdId }).where('id', '=', signedIn.clientId).execute();
    clients.push(signedIn);
  }
  const pushed = await ecd('POST', '/clients', {
    items: [
      client({ ecdId: 'K-1', location: 'De Hoeve', team: 'Noord' }),
      client({ ecdId: 'K-2', location: 'De Hoeve', team: 'Noord' }),
      client({ ecdId: 'K-3', location: 'De Hoeve', team: 'Zuid' }),
      client({ ecdId: 'K-4', location: 'Het Anker', team: 'Zuid' }),
    ],
  });
  expect(((await pushed.json()) as BatchSummary).updated).toBe(4);
});
afterAll(async () => {
  await database?.close();
});

describe('care-team posts', () => {
  it('posts to every client of a location at once, shown as "(zorgteam)", live on an open board', async () => {
    const stream = new EventReader(await widget(clients[0]!, '/board/stream'));
    try {
      await stream.next((e) => e.event === 'unread');
      const response = await ecd('POST', '/board-posts', {
        ecdId: 'B-kerst',
        location: 'De Hoeve',
        authorName: 'Sanne Visser',
        text: 'Zaterdag is de kerstmarkt in de recreatiezaal.',
      });
      expect(response.status).toBe(201);
      const answer = (await response.json()) as { status: string; posts: { clientEcdId: string }[] };
      expect(answer.status).toBe('created');
      expect(answer.posts.map((p) => p.clientEcdId).sort()).toEqual(['K-1', 'K-2', 'K-3']);
      const live = JSON.parse((await stream.next((e) => e.event === 'post', 2000)).data!) as BoardPostView;
      expect(live).toMatchObject({
        text: 'Zaterdag is de kerstmarkt in de recreatiezaal.',
        author: { kind: 'staff', label: 'Sanne Visser (zorgteam)', own: false },
        canDelete: true,
      });
    } finally {
      await stream.close();
    }
    for (const who of clients.slice(0, 3))
      expect((await board(who)).map((p) => p.text)).toContain('Zaterdag is de kerstmarkt in de recreatiezaal.');
    expect(await board(clients[3]!)).toEqual([]);
  });

  it('posts to a team or one client, idempotent by ecdId, and refuses other content under the same id', async () => {
    const team = { ecdId: 'B-noord', team: 'Noord', authorName: 'Joost Hendriks', text: 'Het team Noord heeft een nieuw telefoonnummer.' };
    expect((await ecd('POST', '/board-posts', team)).status).toBe(201);
    const again = await ecd('POST', '/board-posts', team);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'unchanged' });
    expect((await ecd('POST', '/board-posts', { ...team, text: 'Anders' })).status).toBe(409);
    expect((await board(clients[2]!)).map((p) => p.text)).not.toContain(team.text);
    const one = await ecd('POST', '/board-posts', { ecdId: 'B-k4', clientEcdId: 'K-4', authorName: 'Ingrid Mulder', text: 'Welkom!' });
    expect(one.status).toBe(201);
    expect((await board(clients[3]!)).map((p) => p.text)).toEqual(['Welkom!']);
  });

  it('reaches a client who joined the team since, when sent again', async () => {
    await ecd('POST', '/board-posts', { ecdId: 'B-zuid', team: 'Zuid', authorName: 'Daan Koster', text: 'Koffie om tien uur.' });
    await ecd('PUT', '/clients/K-2', client({ ecdId: 'K-2', location: 'De Hoeve', team: 'Zuid' }));
    const again = await ecd('POST', '/board-posts', {
      ecdId: 'B-zuid',
      team: 'Zuid',
      authorName: 'Daan Koster',
      text: 'Koffie om tien uur.',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'updated' });
    expect((await board(clients[1]!)).filter((p) => p.text === 'Koffie om tien uur.')).toHaveLength(1);
  });

  it('refuses a post without or with two audiences, and an audience nobody is in', async () => {
    const base = { ecdId: `B-${randomUUID()}`, authorName: 'Sanne Visser', text: 'Hallo' };
    for (const to of [{}, { location: 'De Hoeve', team: 'Noord' }]) {
      const response = await ecd('POST', '/board-posts', { ...base, ...to });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'clientEcdId' }] });
    }
    expect((await ecd('POST', '/board-posts', { ...base, location: 'Nergens' })).status).toBe(404);
    expect((await ecd('POST', '/board-posts', { ...base, text: 'x'.repeat(2001), location: 'De Hoeve' })).status).toBe(400);
  });

  it('removes a post from every board it is on, idempotently', async () => {
    const removed = await ecd('DELETE', '/board-posts/B-kerst');
    expect(await removed.json()).toEqual({ ecdId: 'B-kerst', status: 'removed', removed: 3 });
    for (const who of clients)
      expect((await board(who)).map((p) => p.text)).not.toContain('Zaterdag is de kerstmarkt in de recreatiezaal.');
    expect(await (await ecd('DELETE', '/board-posts/B-kerst')).json()).toEqual({ ecdId: 'B-kerst', status: 'absent', removed: 0 });
  });
});

describe('the changes feed', () => {
  it('reports the client’s posts and replies and their removal, not the care team’s own posts', async () => {
    const start = (await feed.readAll('0.0')).cursor;
    const who = clients[3]!;
    const welcome = (await board(who)).find((p) => p.text === 'Welkom!');
    const own = await widget(who, '/board/posts', { json: { text: 'Dank u wel!' }, headers: { 'idempotency-key': randomUUID() } });
    const post = (await own.json()) as BoardPostView;
    const reply = await widget(who, `/board/posts/${welcome!.id}/replies`, {
      json: { text: 'Fijn!' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const replyId = ((await reply.json()) as { id: string }).id;
    await widget(who, `/board/posts/${welcome!.id}`, { method: 'DELETE' });
    await ecd('POST', '/board-posts', { ecdId: 'B-late', clientEcdId: 'K-4', authorName: 'Ingrid Mulder', text: 'Niet in de feed' });
    const { items } = await feed.readCount(start, 3);
    expect(items.map((i) => [i.kind, i.resourceId, i.client.ecdId])).toEqual([
      ['board.post.created', post.id, 'K-4'],
      ['board.reply.created', replyId, 'K-4'],
      ['board.post.removed', welcome!.id, 'K-4'],
    ]);
    expect(items[1]!.data).toMatchObject({ postId: welcome!.id, postEcdId: 'B-k4', authorKind: 'client', text: 'Fijn!' });
    expect(items[2]!.data).toMatchObject({ ecdId: 'B-k4' });
    expect(new Date(items[0]!.data['createdAt'] as string).toISOString()).toBe(items[0]!.data['createdAt']);
  });
});
