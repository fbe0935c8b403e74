import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
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
    // A contact person sees only what their rights show: an area without the right is not
    // counted at all (null), rather than "nothing new", which would not be true.
    const { rights } = session.access;
    const since = overview.since && {
      reports: rights.reports ? overview.since.reports : null,
      messages: rights.messages ? overview.since.messages : null,
      appointmentsHeld: rights.agenda ? overview.since.appointmentsHeld : null,
      measurements: rights.measurements ? overview.since.measurements : null,
    };
    const { nextAppointment, ...rest } = overview;
    return c.json({
      displayName: session.displayName,
      ...rest,
      since,
      plansAwaitingDecision: session.access.mayDecidePlan ? overview.plansAwaitingDecision : 0,
      ...(rights.agenda ? { nextAppointment } : {}),
    });
  });
}
