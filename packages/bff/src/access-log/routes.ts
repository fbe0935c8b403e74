import { Hono, type Context } from 'hono';
import type { AppEnv, ClientEnv } from '../http/app-env.js';
import { auditRow } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { amsterdamClock, amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import { periodFromQuery } from '../time/period.js';
import { accessLogLines, type AccessLogLine, type AccessLogScope } from './queries.js';

/** Longest period one read or download covers: a year and a day, as for the reports. */
const MAX_PERIOD_DAYS = 367;

function scopeOf(c: Context<ClientEnv>): AccessLogScope {
  const tenant = c.var.tenant;
  return {
    tenantId: tenant.id,
    tenantName: tenant.name,
    clientId: c.var.scope.clientId,
    showStaffNames: tenant.settings.accessLog.showStaffNames,
  };
}

const actorNames: Record<AccessLogLine['actor'], string> = { client: 'U zelf', contact: 'Contactpersoon', staff: 'Zorgteam', ecd: 'ECD' };
const categoryNames: Record<string, string> = {
  reports: 'Rapportages',
  measurements: 'Metingen',
  'client-plan': 'Cliëntplan',
  appointments: 'Agenda',
  messages: 'Berichten',
  profile: 'Persoonlijke gegevens',
  'portal-input': 'Uw invoer in het portaal',
  documents: 'Documenten',
  medication: 'Medicatie',
  other: 'Overig',
};
const actionNames: Record<AccessLogLine['action'], string> = {
  view: 'bekeken',
  download: 'gedownload',
  create: 'toegevoegd',
  update: 'gewijzigd',
  delete: 'verwijderd',
  sign: 'ondertekend',
  reject: 'afgekeurd',
};

/** A spreadsheet cell: quoted, and a leading = + - @ defused so a spreadsheet never runs it as a formula. */
const cell = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;

/** The log as CSV for a Dutch spreadsheet: semicolons, a BOM for the accents, Amsterdam time. */
export function accessLogCsv(lines: AccessLogLine[]): string {
  const header = ['Datum', 'Tijd', 'Wie', 'Naam', 'Rol', 'Organisatie', 'Gegevens', 'Handeling', 'Noodtoegang'];
  const rows = lines.map((line) => {
    const at = new Date(line.at);
    return [
      isoDate(amsterdamDate(at)),
      amsterdamClock(at),
      actorNames[line.actor],
      line.name ?? '',
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
  return new Hono<AppEnv>().use(requireClientSession('client')).get('/', async (c) => {
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

/** The same log as a CSV download, at /access-log.csv. */
export function accessLogCsvRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('client')).get('/', async (c) => {
    const scope = scopeOf(c);
    const period = periodFromQuery(c.req.query(), { fallback: 'month', maxDays: MAX_PERIOD_DAYS });
    const items = await accessLogLines(
      c.var.db,
      scope,
      period,
      auditRow(c, {
        action: 'access-log.download',
        resourceType: 'access-log',
        details: { from: period.from, to: period.to, format: 'csv' },
      }),
    );
    return c.body(accessLogCsv(items), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="inzage-dossier-${period.from}-${period.to}.csv"`,
      'cache-control': 'no-store',
    });
  });
}
