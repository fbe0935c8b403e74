import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { audit, auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { idempotencyKey, isUuid } from '../http/idempotency.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { valueErrors } from '../validation/measurement-values.js';
import { periodFromQuery } from '../time/period.js';
import {
  markMeasurementDeleted,
  measurementForDeletion,
  measurementsForPeriod,
  measurementTypeByCode,
  measurementTypes,
  recentMeasurements,
  writeClientMeasurement,
} from './queries.js';
import { measurementsQuery, newMeasurementBody, recentMeasurementsQuery } from './schemas.js';

/** A phone's clock may run a little ahead of ours; more than this is a time in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_PERIOD_DAYS = 367;

/** The client's measurements ("Metingen"), at /measurements: types, recent, a period per type, enter and delete own. */
export function measurementRoutes() {
  return new Hono<AppEnv>()
    .use(requireClientSession('measurements'))
    .get('/types', async (c) => {
      const items = await measurementTypes(
        c.var.db,
        c.var.tenant.id,
        auditRow(c, { action: 'measurements.types', resourceType: 'measurement_type' }),
      );
      return c.json({ items });
    })
    .get('/recent', async (c) => {
      const { limit } = parseOr400(recentMeasurementsQuery, c.req.query());
      const items = await recentMeasurements(
        c.var.db,
        c.var.scope,
        limit,
        auditRow(c, { action: 'measurements.recent', resourceType: 'measurement', details: { limit } }),
      );
      return c.json({ items });
    })
    .get('/', async (c) => {
      const query = c.req.query();
      const { type } = parseOr400(measurementsQuery, { type: query['type'] });
      const period = periodFromQuery(query, { fallback: 'year', maxDays: MAX_PERIOD_DAYS });
      if (type && !(await measurementTypeByCode(c.var.db, c.var.tenant.id, type))) {
        throw Problem.badRequest(`There is no measurement type "${type}".`, [{ field: 'type', detail: 'unknown measurement type' }]);
      }
      const items = await measurementsForPeriod(
        c.var.db,
        c.var.scope,
        { start: period.start, end: period.end, typeCode: type },
        auditRow(c, {
          action: 'measurements.list',
          resourceType: 'measurement',
          details: { from: period.from, to: period.to, type: type ?? null },
        }),
      );
      return c.json({ period: { from: period.from, to: period.to }, type: type ?? null, items });
    })
    .post('/', async (c) => {
      const key = idempotencyKey(c);
      const body = parseOr400(newMeasurementBody, await readJson(c));
      const scope = c.var.scope;
      const type = await measurementTypeByCode(c.var.db, scope.tenantId, body.type);
      if (!type)
        throw Problem.badRequest(`There is no measurement type "${body.type}".`, [{ field: 'type', detail: 'unknown measurement type' }]);
      if (!type.client_may_enter) {
        throw Problem.forbidden({
          nl: `${type.label} wordt alleen door uw zorgverlener gemeten; u kunt deze meting niet zelf invoeren.`,
          en: `Only your care provider takes this measurement (${type.label}); you cannot enter it yourself.`,
        });
      }
      const errors = valueErrors(type, body.values);
      const measuredAt = new Date(body.measuredAt);
      if (measuredAt.getTime() > Date.now() + CLOCK_SKEW_MS) errors.push({ field: 'measuredAt', detail: 'lies in the future' });
      if (errors.length) throw Problem.badRequest(errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors);

      const result = await c.var.db.transaction().execute(async (trx) => {
        const written = await writeClientMeasurement(trx, scope, {
          typeId: type.id,
          typeCode: type.code,
          measuredAt,
          values: body.values,
          authorName: c.var.session.displayName,
          idempotencyKey: key,
        });
        if (!written.measurement) throw Problem.conflict('This Idempotency-Key was used for a measurement that has since been deleted.');
        const same =
          written.created ||
          (written.measurement.type === type.code &&
            written.measurement.measuredAt === measuredAt.toISOString() &&
            JSON.stringify(Object.entries(written.measurement.values).sort()) === JSON.stringify(Object.entries(body.values).sort()));
        if (!same)
          throw Problem.conflict('This Idempotency-Key was already used for a different measurement. Make a new key for a new one.');
        await audit(
          c,
          {
            action: written.created ? 'measurements.create' : 'measurements.create.replay',
            resourceType: 'measurement',
            resourceId: written.measurement.id,
            details: { type: type.code },
          },
          trx,
        );
        return written;
      });
      if (!result.created) c.header('Idempotent-Replayed', 'true');
      return c.json(result.measurement, 201);
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      const scope = c.var.scope;
      const outcome = await c.var.db.transaction().execute(async (trx) => {
        const found = isUuid(id) ? await measurementForDeletion(trx, scope, id) : undefined;
        if (!found) return 'not-found' as const;
        if (found.source !== 'client') return 'staff' as const;
        if (found.author_account_id !== scope.accountId) return 'other-author' as const;
        await markMeasurementDeleted(trx, scope, id);
        await audit(c, { action: 'measurements.delete', resourceType: 'measurement', resourceId: id }, trx);
        return 'deleted' as const;
      });
      if (outcome === 'deleted') return c.body(null, 204);
      await audit(c, {
        action: 'measurements.delete',
        outcome: outcome === 'not-found' ? 'failure' : 'denied',
        resourceType: 'measurement',
        resourceId: id.slice(0, 64),
        details: { reason: outcome },
      });
      if (outcome === 'not-found') throw Problem.notFound();
      throw Problem.forbidden(
        outcome === 'staff'
          ? {
              nl: 'Deze meting is door uw zorgverlener ingevoerd. U kunt alleen metingen verwijderen die u zelf heeft ingevoerd.',
              en: 'Your care provider entered this measurement. You can only remove measurements you entered yourself.',
            }
          : {
              nl: 'Deze meting is door iemand anders ingevoerd. U kunt alleen metingen verwijderen die u zelf heeft ingevoerd.',
              en: 'Someone else entered this measurement. You can only remove measurements you entered yourself.',
            },
      );
    });
}
