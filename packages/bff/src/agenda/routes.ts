import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import { audit, auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { idempotencyKey, isUuid } from '../http/idempotency.js';
import { Problem, parseOr400, readJson, type FieldError } from '../http/problem.js';
import type { TenantRecord } from '../tenants/queries.js';
import { addMonths, amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import { periodFromQuery } from '../time/period.js';
import { icsCalendar, type CalendarEvent } from './ics.js';
import {
  appointmentById,
  appointmentsForPeriod,
  appointmentView,
  cancelAppointment,
  insertClientAppointment,
  updateClientAppointment,
  upcomingAppointments,
  type AppointmentInput,
  type AppointmentView,
} from './queries.js';
import { appointmentBody, upcomingAppointmentsQuery } from './schemas.js';

const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_PERIOD_DAYS = 367;
const MAX_LENGTH_MS = 24 * 3_600_000;
const ICS_LIMIT = 500;

function appointmentInput(body: z.infer<typeof appointmentBody>): AppointmentInput {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const errors: FieldError[] = [];
  if (startsAt.getTime() < Date.now() - CLOCK_SKEW_MS) errors.push({ field: 'startsAt', detail: 'lies in the past' });
  if (endsAt < startsAt) errors.push({ field: 'endsAt', detail: 'is before startsAt' });
  else if (endsAt.getTime() - startsAt.getTime() > MAX_LENGTH_MS)
    errors.push({ field: 'endsAt', detail: 'an appointment lasts at most 24 hours' });
  if (errors.length) throw Problem.badRequest(errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors);
  return { title: body.title, startsAt, endsAt, location: body.location || null, description: body.description || null };
}

function mayAdd(tenant: TenantRecord) {
  if (!tenant.settings.agenda.clientMayAddAppointments) {
    throw Problem.forbidden({
      nl: 'In dit cliëntportaal plant het zorgteam de afspraken; u kunt hier zelf geen afspraken toevoegen of wijzigen.',
      en: 'In this client portal the care team plans the appointments; you cannot add or change appointments here yourself.',
    });
  }
}

function calendarEvent(tenant: TenantRecord, appointment: AppointmentView): CalendarEvent {
  const notes = [
    appointment.careWorker ? `Zorgverlener: ${appointment.careWorker}` : null,
    appointment.description,
    appointment.source === 'care_team' ? tenant.settings.agenda.indicativeTimeNotice : null,
  ].filter(Boolean);
  return {
    uid: `${appointment.id}@${tenant.slug}.care-widgets`,
    start: new Date(appointment.startsAt),
    end: new Date(appointment.endsAt),
    summary: appointment.title,
    location: appointment.location,
    description: notes.join('\n') || null,
  };
}

function icsResponse<E extends AppEnv>(c: Context<E>, fileName: string, events: CalendarEvent[]) {
  const body = icsCalendar({ name: `Afspraken ${c.var.tenant.name}`, events });
  return c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
  });
}

/** The client's agenda ("Afspraken"), at /appointments: upcoming, a period, one as .ics, and own appointments. */
export function agendaRoutes() {
  return new Hono<AppEnv>()
    .use(requireClientSession('agenda'))
    .get('/upcoming', async (c) => {
      const { limit } = parseOr400(upcomingAppointmentsQuery, c.req.query());
      const items = await upcomingAppointments(
        c.var.db,
        c.var.scope,
        limit,
        auditRow(c, { action: 'appointments.upcoming', resourceType: 'appointment', details: { limit } }),
      );
      return c.json({
        notice: c.var.tenant.settings.agenda.indicativeTimeNotice,
        clientMayAddAppointments: c.var.tenant.settings.agenda.clientMayAddAppointments,
        items,
      });
    })
    .get('/', async (c) => {
      const query = c.req.query();
      if (query['period'] !== undefined) {
        throw Problem.badRequest('The agenda takes from and to, not period.', [
          { field: 'period', detail: 'not supported here; use from and to' },
        ]);
      }
      const today = amsterdamDate(new Date());
      const period =
        query['from'] === undefined && query['to'] === undefined
          ? periodFromQuery({ from: isoDate(today), to: isoDate(addMonths(today, 12)) }, { fallback: 'year' })
          : periodFromQuery(query, { fallback: 'year', maxDays: MAX_PERIOD_DAYS });
      const items = await appointmentsForPeriod(
        c.var.db,
        c.var.scope,
        period,
        auditRow(c, { action: 'appointments.list', resourceType: 'appointment', details: { from: period.from, to: period.to } }),
      );
      return c.json({
        notice: c.var.tenant.settings.agenda.indicativeTimeNotice,
        clientMayAddAppointments: c.var.tenant.settings.agenda.clientMayAddAppointments,
        period: { from: period.from, to: period.to },
        items,
      });
    })
    .get('/:file{[0-9a-fA-F-]{36}\\.ics}', async (c) => {
      const id = c.req.param('file').slice(0, -'.ics'.length);
      const scope = c.var.scope;
      const row = isUuid(id) ? await appointmentById(c.var.db, scope, id) : undefined;
      await audit(c, {
        action: 'appointments.export',
        outcome: row ? 'success' : 'failure',
        resourceType: 'appointment',
        resourceId: id,
        details: { format: 'ics' },
      });
      if (!row) throw Problem.notFound();
      const view = appointmentView(row, scope.accountId);
      return icsResponse(c, `afspraak-${view.localDate}.ics`, [calendarEvent(c.var.tenant, view)]);
    })
    .post('/', async (c) => {
      mayAdd(c.var.tenant);
      const key = idempotencyKey(c);
      const input = appointmentInput(parseOr400(appointmentBody, await readJson(c)));
      const scope = c.var.scope;
      const result = await c.var.db.transaction().execute(async (trx) => {
        const written = await insertClientAppointment(trx, scope, input, key);
        const { appointment } = written;
        if (!written.created && (appointment.title !== input.title || appointment.starts_at.getTime() !== input.startsAt.getTime())) {
          throw Problem.conflict('This Idempotency-Key was already used for another appointment. Make a new key for a new one.');
        }
        await audit(
          c,
          {
            action: written.created ? 'appointments.create' : 'appointments.create.replay',
            resourceType: 'appointment',
            resourceId: appointment.id,
          },
          trx,
        );
        return written;
      });
      if (!result.created) c.header('Idempotent-Replayed', 'true');
      return c.json(appointmentView(result.appointment, scope.accountId), 201);
    })
    .put('/:id', async (c) => {
      mayAdd(c.var.tenant);
      const id = c.req.param('id');
      const input = appointmentInput(parseOr400(appointmentBody, await readJson(c)));
      const scope = c.var.scope;
      const outcome = await c.var.db.transaction().execute(async (trx) => {
        const found = isUuid(id) ? await appointmentById(trx, scope, id, { forUpdate: true }) : undefined;
        if (!found) return 'not-found' as const;
        if (found.source !== 'client' || found.created_by_account_id !== scope.accountId)
          return found.source === 'care_team' ? ('care-team' as const) : ('other-author' as const);
        const updated = await updateClientAppointment(trx, scope, id, input);
        await audit(c, { action: 'appointments.update', resourceType: 'appointment', resourceId: id }, trx);
        return updated;
      });
      if (typeof outcome === 'object') return c.json(appointmentView(outcome, scope.accountId));
      return refuse(c, 'appointments.update', id, outcome);
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      const scope = c.var.scope;
      const outcome = await c.var.db.transaction().execute(async (trx) => {
        const found = isUuid(id) ? await appointmentById(trx, scope, id, { forUpdate: true }) : undefined;
        if (!found) return 'not-found' as const;
        if (found.source !== 'client' || found.created_by_account_id !== scope.accountId)
          return found.source === 'care_team' ? ('care-team' as const) : ('other-author' as const);
        await cancelAppointment(trx, scope, id);
        await audit(c, { action: 'appointments.cancel', resourceType: 'appointment', resourceId: id }, trx);
        return 'cancelled' as const;
      });
      if (outcome === 'cancelled') return c.body(null, 204);
      return refuse(c, 'appointments.cancel', id, outcome);
    });
}

/** The coming appointments as one calendar file, at /appointments.ics. */
export function agendaCalendarRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('agenda')).get('/', async (c) => {
    const items = await upcomingAppointments(
      c.var.db,
      c.var.scope,
      ICS_LIMIT,
      auditRow(c, { action: 'appointments.export', resourceType: 'appointment', details: { format: 'ics' } }),
    );
    return icsResponse(
      c,
      'afspraken.ics',
      items.map((item) => calendarEvent(c.var.tenant, item)),
    );
  });
}

async function refuse<E extends AppEnv>(
  c: Context<E>,
  action: string,
  id: string,
  reason: 'not-found' | 'care-team' | 'other-author',
): Promise<never> {
  await audit(c, {
    action,
    outcome: reason === 'not-found' ? 'failure' : 'denied',
    resourceType: 'appointment',
    resourceId: id.slice(0, 64),
    details: { reason },
  });
  if (reason === 'not-found') throw Problem.notFound();
  throw Problem.forbidden(
    reason === 'care-team'
      ? {
          nl: 'Deze afspraak is door het zorgteam gepland. U kunt hem niet wijzigen of verwijderen; neem contact op met het zorgteam.',
          en: 'The care team planned this appointment. You cannot change or remove it; contact the care team.',
        }
      : {
          nl: 'Deze afspraak is door iemand anders gemaakt. U kunt alleen uw eigen afspraken wijzigen of verwijderen.',
          en: 'Someone else made this appointment. You can only change or remove your own appointments.',
        },
  );
}
