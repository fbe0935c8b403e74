import { Hono, type Context } from 'hono';
import type { AppEnv, ClientEnv } from '../http/app-env.js';
import { auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { amsterdamClock, amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import { periodFromQuery } from '../time/period.js';
import { coalescedWebStream } from '../reports/pdf.js';
import { pdfOffThread } from '../reports/pdf-workers.js';
import { groupAccessLog, type AccessLogGroup } from './grouping.js';
import { accessLogPdfFileName } from './pdf.js';
import { accessLogLines, type AccessLogLine, type AccessLogScope } from './queries.js';
import { actionNames, actorNames, categoryNames, contactName } from './wording.js';

/** Longest period one read or download covers: a year and a day, as for the reports. */
const MAX_PERIOD_DAYS = 367;

function scopeOf(c: Context<ClientEnv>): AccessLogScope {
  const tenant = c.var.tenant;
  return {
    tenantId: tenant.id,
    tenantName: tenant.name,
    clientId: c.var.scope.clientId,
    accountId: c.var.scope.accountId,
    showStaffNames: tenant.settings.accessLog.showStaffNames,
  };
}

/** A spreadsheet cell: quoted, and a leading = + - @ defused so a spreadsheet never runs it as a formula. */
const cell = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;

/** The log as CSV for a Dutch spreadsheet: semicolons, a BOM for the accents, Amsterdam time; one row per access, never grouped. */
export function accessLogCsv(lines: AccessLogLine[]): string {
  const header = ['Datum', 'Tijd', 'Wie', 'Naam', 'Rol', 'Organisatie', 'Gegevens', 'Handeling', 'Noodtoegang'];
  const rows = lines.map((line) => {
    const at = new Date(line.at);
    return [
      isoDate(amsterdamDate(at)),
      amsterdamClock(at),
      line.byYou ? 'U zelf' : actorNames[line.actor],
      contactName(line) ?? '',
      line.role ?? '',
      line.organisation ?? '',
      categoryNames[line.category] ?? line.category,
      actionNames[line.action],
      line.breakTheGlass ? 'ja' : 'nee',
    ];
  });
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

/**
 * "Wie heeft mijn dossier bekeken?" (Wabvpz art. 15e, NEN 7513), at /access-log: every access to
 * the signed-in client's data in a period, newest first. Reading it is audited too.
 */
export function accessLogRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('accessLog')).get('/', async (c) => {
    const scope = scopeOf(c);
    const period = periodFromQuery(c.req.query(), { fallback: 'month', maxDays: MAX_PERIOD_DAYS });
    const items = await accessLogLines(
      c.var.db,
      scope,
      period,
      auditRow(c, { action: 'access-log.list', resourceType: 'access-log', details: { from: period.from, to: period.to } }),
    );
    return c.json({ period: { from: period.from, to: period.to }, items });
  });
}

/** The lines of a download of the period the query names, audited as `access-log.download` of that format. */
async function downloadedLines(c: Context<ClientEnv>, format: 'csv' | 'pdf') {
  const period = periodFromQuery(c.req.query(), { fallback: 'month', maxDays: MAX_PERIOD_DAYS });
  const items = await accessLogLines(
    c.var.db,
    scopeOf(c),
    period,
    auditRow(c, { action: 'access-log.download', resourceType: 'access-log', details: { from: period.from, to: period.to, format } }),
  );
  return { period, items };
}

/** The same log as a CSV download, at /access-log.csv. */
export function accessLogCsvRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('accessLog')).get('/', async (c) => {
    const { period, items } = await downloadedLines(c, 'csv');
    return c.body(accessLogCsv(items), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="inzage-dossier-${period.from}-${period.to}.csv"`,
      'cache-control': 'no-store',
    });
  });
}

const PDF_BATCH = 500;

/** The same log as a readable PDF ("Download als PDF"), similar lines grouped, at /access-log.pdf. */
export function accessLogPdfRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('accessLog')).get('/', async (c) => {
    const { period, items } = await downloadedLines(c, 'pdf');
    const groups = groupAccessLog(items);
    async function* batches(): AsyncGenerator<AccessLogGroup[]> {
      for (let at = 0; at < groups.length; at += PDF_BATCH) yield groups.slice(at, at + PDF_BATCH);
    }
    const pdf = pdfOffThread('access-log', {
      organisation: c.var.tenant.name,
      clientName: c.var.session.clientName ?? '',
      period,
      total: items.length,
      generatedAt: new Date(),
      batches: batches(),
    });
    pdf.on('error', (error) => c.var.logger.error('access-log pdf failed', { error }));
    return c.body(coalescedWebStream(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${accessLogPdfFileName(period)}"`,
      'cache-control': 'no-store',
    });
  });
}
