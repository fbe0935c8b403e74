import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Outbox } from '../outbox/delivery.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { Logger } from './logger.js';
import type { ClientScope, SessionInfo } from './session-types.js';

/** What every request carries (set in app.ts), for every route and middleware of the BFF. */
export type AppEnv = {
  Variables: {
    requestId: string;
    config: Config;
    database: DatabaseHandle;
    db: Kysely<Database>;
    outbox: Outbox;
    logger: Logger;
    /** Set for every route under /api/tenants/:tenant (tenants/tenant-context.ts). */
    tenant: TenantRecord;
    /** Set by the session middleware (auth/session-middleware.ts); behind it, `SessionEnv` has it for sure. */
    session?: SessionInfo;
  };
};

/** Routes behind requireSession(): the session is there. */
export type SessionEnv = { Variables: AppEnv['Variables'] & { session: SessionInfo } };

/** Routes behind requireClientSession(): a fully signed-in session of a client, and its scope. */
export type ClientEnv = { Variables: SessionEnv['Variables'] & { scope: ClientScope } };
