import { Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import { requireSession } from '../auth/session-middleware.js';
import type { SessionEnv } from '../http/app-env.js';
import { isUuid } from '../http/idempotency.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { clientsOfAccount } from './queries.js';
import { switchClientBody } from './schemas.js';

/**
 * One account, several clients of one tenant (a mother and a father; seed 000's "Mijn dossiers"):
 * the list to choose from after signing in ("Van wie wilt u het dossier bekijken?") and the switch
 * of the session's current client, at /clients. Every data route serves the session's current client only.
 */
export function clientPickerRoutes() {
  return new Hono<SessionEnv>()
    .use(requireSession())
    .get('/', async (c) => {
      const session = c.var.session;
      const items = await clientsOfAccount(c.var.db, session.tenantId, session.accountId);
      return c.json({ items, currentClientId: session.clientId });
    })

    .put('/current', async (c) => {
      const { clientId } = parseOr400(switchClientBody, await readJson(c));
      const session = c.var.session;
      const chosen = isUuid(clientId)
        ? (await clientsOfAccount(c.var.db, session.tenantId, session.accountId)).find((client) => client.id === clientId)
        : undefined;
      if (!chosen) {
        await audit(c, {
          action: 'session.client.switch',
          outcome: 'denied',
          clientId: null,
          // An id of another client is worth a record; any other text the asker sent is not stored.
          details: { clientId: isUuid(clientId) ? clientId : 'not-an-id' },
        });
        throw Problem.notFound({ nl: 'U heeft geen toegang tot dit dossier.', en: 'You have no access to this client file.' });
      }
      await c.var.db
        .updateTable('sessions')
        .set({ client_id: chosen.id })
        .where('tenant_id', '=', session.tenantId)
        .where('id', '=', session.id)
        .execute();
      await audit(c, {
        action: 'session.client.switch',
        clientId: chosen.id,
        details: { from: session.clientId },
      });
      return c.json(chosen);
    });
}
