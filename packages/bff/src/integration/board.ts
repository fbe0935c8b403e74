import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { notifyBoard } from '../board/queries.js';
import { BOARD_TEXT_MAX_CHARACTERS } from '../board/schemas.js';
import { Problem, parseOr400, problemResponse, readJson } from '../http/problem.js';
import { integrationAuditRow } from './audit.js';
import { markIntegrationWrite } from './batch.js';
import { dateTime, ecdId, line, text } from './fields.js';
import type { IntegrationEnv } from './integration-env.js';

const characterCount = (value: string) => [...value].length;

/** A care-team post to one client's board, or to the board of every client of a location or team. */
export const boardPostSchema = z
  .strictObject({
    ecdId: ecdId.describe("The ECD's id of the post: the same on every client's copy, so that one DELETE removes them all."),
    clientEcdId: ecdId.optional().describe('To this client only.'),
    location: line(200).optional().describe("To every client of this location (the clients' `location`)."),
    team: line(200).optional().describe("To every client of this team (the clients' `team`)."),
    /** The care team member as the board shows them: "Sanne Visser" becomes "Sanne Visser (zorgteam)". */
    authorName: line(200),
    text: text(BOARD_TEXT_MAX_CHARACTERS + 100).refine(
      (value) => characterCount(value) <= BOARD_TEXT_MAX_CHARACTERS,
      `at most ${BOARD_TEXT_MAX_CHARACTERS} characters`,
    ),
    /** When it was posted in the ECD; now when absent. */
    postedAt: dateTime.optional(),
  })
  .refine((post) => [post.clientEcdId, post.location, post.team].filter((to) => to !== undefined).length === 1, {
    message: 'exactly one of clientEcdId, location or team',
    path: ['clientEcdId'],
  })
  .meta({ id: 'CareTeamBoardPost' });
export type BoardPostPush = z.infer<typeof boardPostSchema>;

export const boardPostResult = z
  .strictObject({
    ecdId: z.string(),
    status: z
      .enum(['created', 'updated', 'unchanged'])
      .describe('`updated`: the post reached clients who joined the location or team since it was first sent'),
    posts: z
      .array(z.strictObject({ clientId: z.uuid(), clientEcdId: z.string().nullable(), id: z.uuid() }))
      .describe("Every client's copy of the post"),
  })
  .meta({ id: 'BoardPostResult' });

export const boardPostRemoval = z
  .strictObject({ ecdId: z.string(), status: z.enum(['removed', 'absent']), removed: z.int() })
  .meta({ id: 'BoardPostRemoval' });

const limit = bodyLimit({
  maxSize: 64 * 1024,
  onError: (c) => problemResponse(c, new Problem(413, 'too-large', 'Te groot', 'The request body is larger than 64 KB.')),
});

/**
 * The care team's posts on the bulletin board, at /board-posts of the integration API: to one
 * client, or to all clients of a location or team at once ("Zaterdag is de kerstmarkt in de
 * recreatiezaal"), and their removal. Idempotent by the post's ECD id; a post, once sent, is not
 * changed (other content under the same id is a 409). Each client's copy is announced live.
 */
export function integrationBoardRoutes() {
  return new Hono<IntegrationEnv>()
    .post('/', limit, async (c) => {
      const post = parseOr400(boardPostSchema, await readJson(c));
      const tenant = c.var.tenant;
      const answer = await c.var.db.transaction().execute(async (trx) => {
        await markIntegrationWrite(trx);
        let audience = trx.selectFrom('clients').select(['id', 'ecd_id']).where('tenant_id', '=', tenant.id);
        if (post.clientEcdId !== undefined) audience = audience.where('ecd_id', '=', post.clientEcdId);
        else if (post.location !== undefined) audience = audience.where('location', '=', post.location);
        else audience = audience.where('team', '=', post.team!);
        const clients = await audience.execute();
        if (!clients.length) {
          throw Problem.notFound(
            post.clientEcdId !== undefined ? 'No client with this clientEcdId.' : 'No client has this location or team.',
          );
        }
        const existing = await trx
          .selectFrom('board_posts')
          .select(['id', 'client_id', 'author_name', 'text'])
          .where('tenant_id', '=', tenant.id)
          .where('ecd_id', '=', post.ecdId)
          .execute();
        if (existing.some((row) => row.author_name !== post.authorName || row.text !== post.text)) {
          throw Problem.conflict('A board post with this ecdId was sent already, with other content; a sent post cannot be changed.');
        }
        const have = new Set(existing.map((row) => row.client_id));
        const missing = clients.filter((client) => !have.has(client.id));
        const created = missing.length
          ? await trx
              .insertInto('board_posts')
              .values(
                missing.map((client) => ({
                  tenant_id: tenant.id,
                  client_id: client.id,
                  author_kind: 'staff' as const,
                  author_account_id: null,
                  author_name: post.authorName,
                  author_relationship: null,
                  text: post.text,
                  ecd_id: post.ecdId,
                  ...(post.postedAt ? { created_at: post.postedAt } : {}),
                })),
              )
              .returning(['id', 'client_id'])
              .execute()
          : [];
        for (const row of created) await notifyBoard(trx, { t: tenant.id, c: row.client_id, k: 'post', id: row.id });
        if (created.length) {
          await trx
            .insertInto('audit_log')
            .values(
              created.map((row) =>
                integrationAuditRow(c, {
                  action: 'integration.board.post',
                  clientId: row.client_id,
                  resourceType: 'board_post',
                  resourceId: row.id,
                  details: { ecdId: post.ecdId },
                }),
              ),
            )
            .execute();
        }
        const ecdIds = new Map(clients.map((client) => [client.id, client.ecd_id]));
        const all = [...existing, ...created].filter((row) => ecdIds.has(row.client_id));
        return {
          ecdId: post.ecdId,
          status: created.length === 0 ? ('unchanged' as const) : existing.length === 0 ? ('created' as const) : ('updated' as const),
          posts: all.map((row) => ({ clientId: row.client_id, clientEcdId: ecdIds.get(row.client_id) ?? null, id: row.id })),
        };
      });
      return c.json(answer, answer.status === 'created' ? 201 : 200);
    })

    .delete('/:ecdId', async (c) => {
      const postEcdId = c.req.param('ecdId');
      const tenant = c.var.tenant;
      const removed = await c.var.db.transaction().execute(async (trx) => {
        await markIntegrationWrite(trx);
        const rows = await trx
          .deleteFrom('board_posts')
          .where('tenant_id', '=', tenant.id)
          .where('ecd_id', '=', postEcdId)
          .where('author_kind', '=', 'staff')
          .returning(['id', 'client_id'])
          .execute();
        for (const row of rows) await notifyBoard(trx, { t: tenant.id, c: row.client_id, k: 'post-removed', id: row.id });
        if (rows.length) {
          await trx
            .insertInto('audit_log')
            .values(
              rows.map((row) =>
                integrationAuditRow(c, {
                  action: 'integration.board.remove',
                  clientId: row.client_id,
                  resourceType: 'board_post',
                  resourceId: row.id,
                  details: { ecdId: postEcdId },
                }),
              ),
            )
            .execute();
        }
        return rows.length;
      });
      return c.json({ ecdId: postEcdId, status: removed ? 'removed' : 'absent', removed });
    });
}
