import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { offers } from '../tenants/settings.js';
import { activityOverview } from './queries.js';

/**
 * "Sinds uw vorige bezoek" (<care-activity>): what is new since the start of the account's
 * previous sign-in, and the next appointment, at /activity. The session lookup and one audited statement.
 */
export function activityRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('any')).get('/', async (c) => {
    const session = c.var.session;
    const overview = await activityOverview(
      c.var.db,
      { ...c.var.scope, previousVisitAt: session.previousVisitAt },
      auditRow(c, { action: 'activity.view', resourceType: 'activity' }),
    );
    // A contact person sees only what their rights show, and nobody an area whose widget the
    // tenant does not offer: such an area is not counted at all (null), rather than "nothing
    // new", which would not be true.
    const { rights } = session.access;
    const settings = c.var.tenant.settings;
    const shows = {
      reports: rights.reports && offers(settings, 'reports'),
      messages: rights.messages && offers(settings, 'messages'),
      agenda: rights.agenda && offers(settings, 'agenda'),
      measurements: rights.measurements && offers(settings, 'measurements'),
      plan: session.access.mayDecidePlan && offers(settings, 'plan'),
    };
    const since = overview.since && {
      reports: shows.reports ? overview.since.reports : null,
      messages: shows.messages ? overview.since.messages : null,
      appointmentsHeld: shows.agenda ? overview.since.appointmentsHeld : null,
      measurements: shows.measurements ? overview.since.measurements : null,
    };
    const { nextAppointment, ...rest } = overview;
    return c.json({
      displayName: session.displayName,
      ...rest,
      since,
      plansAwaitingDecision: shows.plan ? overview.plansAwaitingDecision : 0,
      ...(shows.agenda ? { nextAppointment } : {}),
    });
  });
}
