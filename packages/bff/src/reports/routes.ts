import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { audit, auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { idempotencyKey } from '../http/idempotency.js';
import { jsonText } from '../http/json-text.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { contactDisplayName } from '../contacts/rights.js';
import { periodFromQuery } from '../time/period.js';
import { coalescedWebStream, reportsPdfFileName } from './pdf.js';
import { reportsPdf } from './pdf-workers.js';
import {
  clientNameForDownload,
  latestReportsJson,
  reportPage,
  reportsForPeriodJson,
  writeClientReport,
  type ReportCursor,
  type ReportView,
} from './queries.js';
import { latestReportsQuery, newReportBody } from './schemas.js';

/** Longest period one list or download may cover: a year and a day, so "Laatste jaar" always fits. */
const MAX_PERIOD_DAYS = 367;
const PDF_BATCH = 200;

/** The client's reports ("Rapportages"), at /reports: the latest few, a period, and a report the client writes. */
export function reportRoutes() {
  return new Hono<AppEnv>()
    .use(requireClientSession('reports'))
    .get('/', async (c) => {
      const period = periodFromQuery(c.req.query(), { fallback: 'week', maxDays: MAX_PERIOD_DAYS });
      const scope = c.var.scope;
      const items = await reportsForPeriodJson(
        c.var.db,
        scope,
        period,
        auditRow(c, { action: 'reports.list', resourceType: 'report', details: { from: period.from, to: period.to } }),
      );
      return jsonText(c, `{"period":${JSON.stringify({ from: period.from, to: period.to })},"items":`, items, '}');
    })
    .get('/latest', async (c) => {
      const { limit } = parseOr400(latestReportsQuery, c.req.query());
      const items = await latestReportsJson(
        c.var.db,
        c.var.scope,
        limit,
        auditRow(c, { action: 'reports.latest', resourceType: 'report', details: { limit } }),
      );
      return jsonText(c, '{"items":', items, '}');
    })
    .post('/', async (c) => {
      const key = idempotencyKey(c);
      const body = parseOr400(newReportBody, await readJson(c));
      const scope = c.var.scope;
      const session = c.var.session;
      const result = await c.var.db.transaction().execute(async (trx) => {
        const written = await writeClientReport(trx, scope, {
          text: body.text,
          authorName: contactDisplayName(session.displayName, session.relationship),
          authorKind: session.relation === 'contact' ? 'contact' : 'client',
          idempotencyKey: key,
        });
        if (!written.created && written.report.text !== body.text) {
          throw Problem.conflict('This Idempotency-Key was already used for a different report. Make a new key for a new report.');
        }
        await audit(
          c,
          { action: written.created ? 'reports.create' : 'reports.create.replay', resourceType: 'report', resourceId: written.report.id },
          trx,
        );
        return written;
      });
      if (!result.created) c.header('Idempotent-Replayed', 'true');
      return c.json(result.report, 201);
    });
}

/** A PDF of the reports of a period, at /reports.pdf. */
export function reportPdfRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('reports')).get('/', async (c) => {
    const period = periodFromQuery(c.req.query(), { fallback: 'week', maxDays: MAX_PERIOD_DAYS });
    const scope = c.var.scope;
    const db = c.var.db;
    const head = await clientNameForDownload(
      db,
      scope,
      period,
      auditRow(c, { action: 'reports.download', resourceType: 'report', details: { from: period.from, to: period.to, format: 'pdf' } }),
    );
    if (!head) throw Problem.notFound();
    async function* batches(): AsyncGenerator<ReportView[]> {
      let cursor: ReportCursor | undefined;
      do {
        const page = await reportPage(db, scope, period, cursor, PDF_BATCH);
        if (page.rows.length) yield page.rows;
        cursor = page.next;
      } while (cursor);
    }
    const pdf = reportsPdf({
      organisation: c.var.tenant.name,
      clientName: head.clientName,
      period,
      total: head.total,
      generatedAt: new Date(),
      batches: batches(),
    });
    pdf.on('error', (error) => c.var.logger.error('reports pdf failed', { error }));
    return c.body(coalescedWebStream(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${reportsPdfFileName(period)}"`,
      'cache-control': 'no-store',
    });
  });
}
