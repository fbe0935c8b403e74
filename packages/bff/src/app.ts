import { Hono, type Env, type Schema } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { requireSecretKey, type Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { healthRoutes } from './health/routes.js';
import { integrationRoutes } from './integration/routes.js';
import { messageRoutes } from './messages/routes.js';
import { planRoutes } from './plans/routes.js';
import { profileRoutes } from './profile/routes.js';
import { widgetBodyLimit } from './http/body-limit.js';
import type { AppEnv } from './http/app-env.js';
import type { Logger } from './http/logger.js';
import { refuseNulInUrl } from './http/nul-guard.js';
import { securityHeaders } from './http/security-headers.js';
import { Problem, problemResponse } from './http/problem.js';
import { requestTimeout } from './http/request-timeout.js';
import { configureServerSecret } from './security/server-secret.js';
import type { Outbox } from './outbox/delivery.js';
import { authRoutes } from './auth/routes.js';
import { boardRoutes } from './board/routes.js';
import { devRoutes } from './dev/routes.js';
import { staticRoutes } from './static/routes.js';
import { agendaCalendarRoutes, agendaRoutes } from './agenda/routes.js';
import { measurementRoutes } from './measurements/routes.js';
import { reportPdfRoutes, reportRoutes } from './reports/routes.js';
import { accessLogCsvRoutes, accessLogPdfRoutes, accessLogRoutes } from './access-log/routes.js';
import { activityRoutes } from './activity/routes.js';
import { clientPickerRoutes } from './contacts/client-picker-routes.js';
import { contactRoutes } from './contacts/routes.js';
import { dossierRoutes } from './dossier/routes.js';
import { openApiRoutes } from './openapi/routes.js';
import { tenantRoutes } from './tenants/routes.js';
import type { DataWidget } from './tenants/settings.js';
import { requireWidget, tenantContext } from './tenants/tenant-context.js';
import { themeRoutes } from './themes/routes.js';

export type { AppEnv } from './http/app-env.js';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  outbox: Outbox;
  logger: Logger;
  /** Aborted when the server starts draining: /readyz then answers 503. */
  shutdown?: AbortSignal;
}

export function createApp(deps: AppDependencies) {
  configureServerSecret(requireSecretKey(deps.config));
  const app = new Hono<AppEnv>();

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(async (c, next) => {
    c.set('config', deps.config);
    c.set('database', deps.database);
    c.set('db', deps.database.db);
    c.set('outbox', deps.outbox);
    c.set('logger', deps.logger.child({ requestId: c.var.requestId }));
    const started = performance.now();
    await next();
    c.var.logger.info('request', {
      method: c.req.method,
      // The path is the requester's to choose: a 12,000-character slug must not make a 12 KB log line.
      path: c.req.path.length > 200 ? `${c.req.path.slice(0, 200)}…` : c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.use(securityHeaders(), refuseNulInUrl());
  app.use('/api/*', widgetBodyLimit());
  app.use('/dev/*', widgetBodyLimit());

  app.use('/api/*', requestTimeout(deps.config.requestTimeoutMs));
  app.route('/', healthRoutes(deps.shutdown));
  app.route('/api/openapi.json', openApiRoutes());
  app.route('/api/tenants/:tenant', tenantApi());
  if (deps.config.mode === 'demo') app.route('/dev', devRoutes());
  app.route('/', integrationRoutes());
  app.route('/themes', themeRoutes(deps.config));
  app.route('/', staticRoutes(deps.config));

  app.notFound((c) => problemResponse(c, Problem.notFound('There is nothing at this address.')));
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      return problemResponse(c, new Problem(error.status as 400, 'http-error', error.message || 'Request failed'));
    }
    if (isDatabaseUnavailable(error)) {
      const { code, message } = error as Error & { code?: string };
      (c.var.logger ?? deps.logger).warn('database unavailable', { code, message });
      return problemResponse(c, Problem.databaseUnavailable());
    }
    (c.var.logger ?? deps.logger).error('unhandled error', { error });
    return problemResponse(
      c,
      new Problem(
        500,
        'internal',
        { nl: 'Er ging iets mis', en: 'Something went wrong' },
        'Something went wrong on our side. Please try again later; quote the request id if it keeps happening.',
      ),
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * Everything under /api/tenants/:tenant: the tenant's context (and its CORS and CSRF checks) once,
 * then each feature at its own prefix. The data features require a signed-in client themselves
 * (auth/session-middleware.ts); a feature whose URLs have two stems (`/reports`, `/reports.pdf`)
 * is mounted at both. A widget's feature is mounted `offered()`: for a tenant that does not offer
 * the widget, every route of it answers `404 widget-disabled` first. The client picker and the
 * dossier (which leaves out the parts of widgets not offered) belong to no one widget.
 */
function tenantApi() {
  return new Hono<AppEnv>()
    .use(tenantContext())
    .route('/', tenantRoutes())
    .route('/auth', authRoutes())
    .route('/reports', offered('reports', reportRoutes()))
    .route('/reports.pdf', offered('reports', reportPdfRoutes()))
    .route('/measurements', offered('measurements', measurementRoutes()))
    .route('/appointments', offered('agenda', agendaRoutes()))
    .route('/appointments.ics', offered('agenda', agendaCalendarRoutes()))
    .route('/messages', offered('messages', messageRoutes()))
    .route('/plans', offered('plan', planRoutes()))
    .route('/profile', offered('profile', profileRoutes()))
    .route('/access-log', offered('access-log', accessLogRoutes()))
    .route('/access-log.csv', offered('access-log', accessLogCsvRoutes()))
    .route('/access-log.pdf', offered('access-log', accessLogPdfRoutes()))
    .route('/activity', offered('activity', activityRoutes()))
    .route('/contacts', offered('contacts', contactRoutes()))
    .route('/clients', clientPickerRoutes())
    .route('/board', offered('board', boardRoutes()))
    .route('/dossier.zip', dossierRoutes());
}

/** A widget's routes behind the check that the tenant offers the widget. */
function offered<E extends Env, S extends Schema, B extends string>(widget: DataWidget, routes: Hono<E, S, B>) {
  return new Hono<AppEnv>().use(requireWidget(widget)).route('/', routes);
}
