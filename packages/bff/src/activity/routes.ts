import { Hono } from 'hono';
import type { AppEnv } from '../app.js';
import { auditRow } from '../audit/audit-log.js';
import { requireSession, sessionClientId } from '../auth/session.js';
import { activityOverview } from './queries.js';

/**
 * "Sinds uw vorige bezoek" (<care-activity>): what is new since the start of the account's
 * previous sign-in, and the next appointment. The session lookup and one audited statement.
 */
export function activityRoutes() {
  return new Hono<AppEnv>().get('/activity', requireSession(), async (c) => {
    const session = c.var.session!;
    const overview = await activityOverview(
      c.var.db,
      { tenantId: c.var.tenant.id, clientId: sessionClientId(c), accountId: session.accountId, previousVisitAt: session.previousVisitAt },
      auditRow(c, { action: 'activity.view', resourceType: 'activity' }),
    );
    return c.json({ displayName: session.displayName, ...overview });
  });
}
