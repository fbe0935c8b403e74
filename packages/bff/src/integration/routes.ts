import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/app-env.js';
import { ownOrigin } from '../http/own-origin.js';
import { Problem, parseOr400, problemResponse, readJson } from '../http/problem.js';
import { accessEventRecords } from './access-events.js';
import { appointmentRecords } from './appointments.js';
import { integrationAuditRow } from './audit.js';
import { requireIntegrationToken } from './auth.js';
import type { IntegrationEnv } from './integration-env.js';
import { applyBatch, markIntegrationWrite, type BatchSummary, type RecordKind } from './batch.js';
import { changesAfter } from './changes-feed.js';
import { integrationBoardRoutes } from './board.js';
import { clientRecords } from './clients.js';
import { contactRecords, removeContactByEcdId } from './contacts.js';
import { measurementRecords } from './measurements.js';
import { messageRecords } from './messages.js';
import { openApiDocument } from './openapi.js';
import { planDocumentRecords } from './plan-documents.js';
import { reportRecords } from './reports.js';
import { batchBody, feedQuery } from './schemas.js';

/** Request bodies: a batch of reports is a few MB; plan PDFs are up to 10 MB each (base64: 13.4 MB). */
const BODY_LIMIT = 16 * 1024 * 1024;
const PLAN_BODY_LIMIT = 64 * 1024 * 1024;

function bffOrigin(c: Context<IntegrationEnv>) {
  return ownOrigin(c);
}

/**
 * The integration API for the care organisation's client record system (ECD), under
 * /integration/v1: server to server, bearer JWT per tenant, no cookies, no CORS.
 */
export function integrationRoutes() {
  const api = new Hono<IntegrationEnv>();
  api.use('*', requireIntegrationToken());

  const kinds: { name: string; make: (c: Context<IntegrationEnv>) => RecordKind<{ ecdId: string }> }[] = [
    { name: reportRecords.name, make: () => reportRecords },
    { name: measurementRecords.name, make: () => measurementRecords },
    { name: appointmentRecords.name, make: () => appointmentRecords },
    { name: messageRecords.name, make: () => messageRecords },
    { name: planDocumentRecords.name, make: () => planDocumentRecords },
    { name: accessEventRecords.name, make: () => accessEventRecords },
    {
      name: 'clients',
      make: (c: Context<IntegrationEnv>) => clientRecords({ db: c.var.db, outbox: c.var.outbox, bffOrigin: bffOrigin(c) }),
    },
    {
      name: 'contacts',
      make: (c: Context<IntegrationEnv>) => contactRecords({ db: c.var.db, outbox: c.var.outbox, bffOrigin: bffOrigin(c) }),
    },
  ];
  for (const { name, make } of kinds) {
    const maxSize = name === planDocumentRecords.name ? PLAN_BODY_LIMIT : BODY_LIMIT;
    const limit = bodyLimit({
      maxSize,
      onError: (c) =>
        problemResponse(
          c,
          new Problem(
            413,
            'too-large',
            'Te groot',
            `The request body is larger than ${maxSize / 1024 / 1024} MB; send fewer items per request.`,
          ),
        ),
    });

    api.post(`/${name}`, limit, async (c) => {
      const { items } = parseOr400(batchBody, await readJson(c));
      const summary = await applyBatch(c, make(c), items);
      return c.json(summary, 200);
    });

    api.put(`/${name}/:ecdId`, limit, async (c) => {
      const body = await readJson(c);
      const ecdId = c.req.param('ecdId');
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw Problem.badRequest('Send the record as a JSON object.', [{ field: '(body)', detail: 'an object' }]);
      const given = (body as Record<string, unknown>)['ecdId'];
      if (given !== undefined && given !== ecdId)
        throw Problem.badRequest('The ecdId in the body differs from the one in the path.', [
          { field: 'ecdId', detail: 'differs from the path' },
        ]);
      const summary = await applyBatch(c, make(c), [{ ...body, ecdId }]);
      return singleResponse(c, summary);
    });
  }

  // A cancellation on its own, without sending the whole appointment again.
  api.post('/appointments/:ecdId/cancel', async (c) => {
    const tenant = c.var.tenant;
    const row = await c.var.db.transaction().execute(async (trx) => {
      await markIntegrationWrite(trx);
      const cancelled = await trx
        .updateTable('appointments')
        .set((eb) => ({
          cancelled_at: eb.fn.coalesce('cancelled_at', eb.val(new Date())),
          updated_at: eb.case().when('cancelled_at', 'is', null).then(eb.val(new Date())).else(eb.ref('updated_at')).end(),
        }))
        .where('tenant_id', '=', tenant.id)
        .where('ecd_id', '=', c.req.param('ecdId'))
        .returning(['id', 'client_id', 'cancelled_at'])
        .executeTakeFirst();
      if (cancelled) {
        await trx
          .insertInto('audit_log')
          .values(
            integrationAuditRow(c, {
              action: 'integration.appointments.cancel',
              clientId: cancelled.client_id,
              resourceType: 'appointment',
              resourceId: cancelled.id,
              details: { ecdId: c.req.param('ecdId') },
            }),
          )
          .execute();
      }
      return cancelled;
    });
    if (!row) throw Problem.notFound('No appointment with this ecdId.');
    return c.json({ ecdId: c.req.param('ecdId'), id: row.id, status: 'cancelled', cancelledAt: new Date(row.cancelled_at!).toISOString() });
  });

  // A contact person the organisation no longer registers: idempotent, their sessions for the client end at once.
  api.delete('/contacts/:ecdId', async (c) => {
    const tenant = c.var.tenant;
    const contactEcdId = c.req.param('ecdId');
    const removed = await c.var.db.transaction().execute(async (trx) => {
      await markIntegrationWrite(trx);
      const row = await removeContactByEcdId(trx, tenant.id, contactEcdId);
      if (row) {
        await trx
          .insertInto('audit_log')
          .values(
            integrationAuditRow(c, {
              action: 'integration.contacts.remove',
              clientId: row.client_id,
              resourceType: 'contact',
              resourceId: row.account_id,
              details: { ecdId: contactEcdId },
            }),
          )
          .execute();
      }
      return row;
    });
    return c.json({ ecdId: contactEcdId, status: removed ? 'removed' : 'absent' });
  });

  api.route('/board-posts', integrationBoardRoutes());

  api.get('/changes', async (c) => {
    const query = parseOr400(feedQuery, c.req.query());
    const page = await changesAfter(c.var.db, c.var.tenant.id, query.after, query.limit);
    // NEN 7513: one row per client whose data this page hands to the ECD.
    const perClient = new Map<string, { kinds: Set<string>; items: number }>();
    for (const item of page.items) {
      const entry = perClient.get(item.client.id) ?? { kinds: new Set(), items: 0 };
      entry.kinds.add(item.kind);
      entry.items++;
      perClient.set(item.client.id, entry);
    }
    if (perClient.size) {
      await c.var.db
        .insertInto('audit_log')
        .values(
          [...perClient].map(([clientId, entry]) =>
            integrationAuditRow(c, {
              action: 'integration.changes.read',
              clientId,
              details: { items: entry.items, kinds: [...entry.kinds], after: c.req.query('after') ?? null },
            }),
          ),
        )
        .execute();
    }
    return c.json(page);
  });

  const root = new Hono<AppEnv>();
  root.get('/integration/v1/openapi.json', (c) => c.json(openApiDocument));
  root.route('/integration/v1/tenants/:tenant', api);

  return root;
}

function singleResponse(c: Context<IntegrationEnv>, summary: BatchSummary) {
  const result = summary.results[0]!;
  if (result.status === 'invalid') {
    throw Problem.badRequest(result.errors!.map((e) => `${e.field}: ${e.detail}`).join('; '), result.errors);
  }
  if (result.status === 'conflict') {
    throw new Problem(409, 'conflict', 'Conflict', result.errors!.map((e) => e.detail).join('; '), { errors: result.errors });
  }
  return c.json(result, result.status === 'created' ? 201 : 200);
}
