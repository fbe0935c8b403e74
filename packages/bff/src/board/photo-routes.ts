import { Hono, type Context } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ClientEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { idempotencyKey, isUuid } from '../http/idempotency.js';
import { Problem } from '../http/problem.js';
import type { ClientScope } from '../http/session-types.js';
import { photoPath } from './queries.js';
import { processPhoto } from './photos.js';

const MEGABYTE = 1024 * 1024;

const photoNotFound = () =>
  Problem.notFound({ nl: 'Deze foto staat niet (meer) op het prikbord.', en: 'This photo is not on the bulletin board (any more).' });

const uploadColumns = [
  'id',
  'content_type',
  'thumbnail_width',
  'thumbnail_height',
  'screen_width',
  'screen_height',
  'uploaded_by_account_id',
] as const;

/** Bytes of stored photos on the client's board. */
async function usedBytes(db: Kysely<Database>, scope: ClientScope): Promise<number> {
  const row = await db
    .selectFrom('board_photos')
    .select(sql<string>`coalesce(sum(stored_bytes), 0)`.as('used'))
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .executeTakeFirstOrThrow();
  return Number(row.used);
}

async function uploadAnswer(
  c: Context<ClientEnv>,
  row: { id: string; content_type: string; thumbnail_width: number; thumbnail_height: number; screen_width: number; screen_height: number },
) {
  const limitBytes = c.var.tenant.settings.board.photoQuotaMegabytes * MEGABYTE;
  return {
    id: row.id,
    contentType: row.content_type,
    thumbnail: { url: photoPath(row.id, 'thumbnail'), width: row.thumbnail_width, height: row.thumbnail_height },
    screen: { url: photoPath(row.id, 'screen'), width: row.screen_width, height: row.screen_height },
    quota: { usedBytes: await usedBytes(c.var.db, c.var.scope), limitBytes },
  };
}

/** An earlier upload with this key on the board; another person's use of the key is a conflict. */
async function earlierUpload(db: Kysely<Database>, scope: ClientScope, key: string) {
  const row = await db
    .selectFrom('board_photos')
    .select(uploadColumns)
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (row && row.uploaded_by_account_id !== scope.accountId) {
    throw Problem.conflict('This Idempotency-Key was already used for another photo. Make a new key for a new photo.');
  }
  return row;
}

/**
 * Photos of the board at /board/photos (mounted by boardRoutes, behind its `board` right): one
 * upload per request, whose raw body is the file; the stored versions, only to who may see the
 * board; and removing an upload that was not posted.
 */
export function boardPhotoRoutes() {
  return new Hono<ClientEnv>()
    .post('/', async (c) => {
      const key = idempotencyKey(c);
      const scope = c.var.scope;
      // A retry after a lost answer finds the first attempt without decoding the photo again.
      const replay = await earlierUpload(c.var.db, scope, key);
      if (replay) {
        c.header('Idempotent-Replayed', 'true');
        return c.json(await uploadAnswer(c, replay), 201);
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) {
        throw Problem.badRequest('Send the photo file itself as the request body.', [{ field: '(body)', detail: 'empty' }]);
      }
      const photo = await processPhoto(bytes);
      const storedBytes = photo.screen.data.length + photo.thumbnail.data.length;
      const limitBytes = c.var.tenant.settings.board.photoQuotaMegabytes * MEGABYTE;
      const row = await c.var.db.transaction().execute(async (trx) => {
        // One upload of a board at a time passes the quota check: the client's row is the lock.
        await trx
          .selectFrom('clients')
          .select('id')
          .where('tenant_id', '=', scope.tenantId)
          .where('id', '=', scope.clientId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if ((await usedBytes(trx, scope)) + storedBytes > limitBytes) {
          throw new Problem(
            507,
            'quota-exceeded',
            { nl: 'Geen ruimte meer voor foto’s', en: 'No more room for photos' },
            {
              nl: 'Er is geen ruimte meer voor foto’s op dit prikbord. Verwijder eerst oude berichten met foto’s.',
              en: 'There is no more room for photos on this bulletin board. Remove old posts with photos first.',
            },
            { limitBytes },
          );
        }
        const inserted = await trx
          .insertInto('board_photos')
          .values({
            tenant_id: scope.tenantId,
            client_id: scope.clientId,
            uploaded_by_account_id: scope.accountId,
            content_type: photo.contentType,
            thumbnail: photo.thumbnail.data,
            thumbnail_width: photo.thumbnail.width,
            thumbnail_height: photo.thumbnail.height,
            screen: photo.screen.data,
            screen_width: photo.screen.width,
            screen_height: photo.screen.height,
            stored_bytes: storedBytes,
            idempotency_key: key,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
          .returning(uploadColumns)
          .executeTakeFirst();
        if (inserted) {
          await audit(
            c,
            { action: 'board.photo.upload', resourceType: 'board_photo', resourceId: inserted.id, details: { storedBytes } },
            trx,
          );
        }
        return inserted;
      });
      if (!row) {
        // A parallel retry with the same key stored it first.
        const earlier = await earlierUpload(c.var.db, scope, key);
        if (!earlier) throw photoNotFound();
        c.header('Idempotent-Replayed', 'true');
        return c.json(await uploadAnswer(c, earlier), 201);
      }
      return c.json(await uploadAnswer(c, row), 201);
    })

    .get('/:id/:size', async (c) => {
      const id = c.req.param('id');
      const size = c.req.param('size');
      if (!isUuid(id) || (size !== 'thumbnail' && size !== 'screen')) throw photoNotFound();
      const scope = c.var.scope;
      const row = await c.var.db
        .selectFrom('board_photos')
        .select(['content_type', 'post_id', size === 'thumbnail' ? 'thumbnail as data' : 'screen as data'])
        .where('tenant_id', '=', scope.tenantId)
        .where('client_id', '=', scope.clientId)
        .where('id', '=', id)
        // An upload not posted yet is its uploader's only.
        .where((eb) => eb.or([eb('post_id', 'is not', null), eb('uploaded_by_account_id', '=', scope.accountId)]))
        .executeTakeFirst();
      if (!row) throw photoNotFound();
      await audit(c, { action: 'board.photo.view', resourceType: 'board_photo', resourceId: id, details: { size } });
      return c.body(new Uint8Array(row.data), 200, {
        'content-type': row.content_type,
        'cache-control': 'private, max-age=3600',
        'content-disposition': 'inline',
      });
    })

    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) throw photoNotFound();
      const scope = c.var.scope;
      const removed = await c.var.db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('board_photos')
          .where('tenant_id', '=', scope.tenantId)
          .where('client_id', '=', scope.clientId)
          .where('id', '=', id)
          .where('post_id', 'is', null)
          .where('uploaded_by_account_id', '=', scope.accountId)
          .executeTakeFirst();
        const count = Number(result.numDeletedRows);
        if (count) await audit(c, { action: 'board.photo.remove', resourceType: 'board_photo', resourceId: id }, trx);
        return count;
      });
      if (!removed) throw photoNotFound();
      return c.body(null, 204);
    });
}
