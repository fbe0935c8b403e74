import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { accessLogLines } from '../access-log/queries.js';
import { audit, auditRow } from '../audit/audit-log.js';
import { consume, type Limit } from '../auth/rate-limits.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { contactsOf } from '../contacts/queries.js';
import { mayDownloadDossier, type RightArea } from '../contacts/rights.js';
import { Problem } from '../http/problem.js';
import { profileRow, profileView } from '../profile/queries.js';
import { coalescedWebStream } from '../reports/pdf.js';
import { offers, type WidgetName } from '../tenants/settings.js';
import { amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import { dossierZip } from './archive.js';
import { dossierCounts } from './queries.js';
import { dossierParts, type DossierPart } from './schemas.js';

/**
 * A few copies a day per client, whoever asks: each one reads the whole file, and a copy is a
 * right "met redelijke tussenpozen" (Wabvpz art. 15d). In rate_limits, so it holds across instances.
 */
export const dossierLimit = (clientId: string): Limit => ({ bucket: `dossier:client:${clientId}`, max: 3, windowSeconds: 24 * 3600 });

/** The right a part needs of a legal representative; the access log and the contacts are the client's. */
const partRight: Record<DossierPart, RightArea | 'client'> = {
  reports: 'reports',
  measurements: 'measurements',
  appointments: 'agenda',
  messages: 'messages',
  board: 'board',
  plans: 'plan',
  profile: 'profile',
  contacts: 'client',
  'access-log': 'client',
};

/** The widget that shows a part in the portal: a part of a widget the tenant does not offer is left out. */
const partWidget: Record<DossierPart, WidgetName> = {
  reports: 'reports',
  measurements: 'measurements',
  appointments: 'agenda',
  messages: 'messages',
  board: 'board',
  plans: 'plan',
  profile: 'profile',
  contacts: 'contacts',
  'access-log': 'access-log',
};

/**
 * "Download mijn dossier", at /dossier.zip: everything the person may see of the client's file as
 * one streamed ZIP of PDFs and JSON (docs/dossier.md). For the client and a legal representative
 * (docs/rights-model.md); one audit row `dossier.download`; a few per day.
 */
export function dossierRoutes() {
  return new Hono<AppEnv>().use(requireClientSession('any')).get('/', async (c) => {
    const session = c.var.session;
    const scope = c.var.scope;
    const db = c.var.db;
    if (!mayDownloadDossier(session.access)) {
      await audit(c, { action: 'access.denied', outcome: 'denied', details: { area: 'dossier', method: 'GET', path: c.req.path } });
      throw new Problem(
        403,
        'client-only',
        { nl: 'Alleen voor de cliënt', en: 'Only for the client' },
        {
          nl: `Alleen ${session.clientName ?? 'de cliënt'} zelf of een wettelijk vertegenwoordiger kan het hele dossier downloaden.`,
          en: `Only ${session.clientName ?? 'the client'} or a legal representative can download the whole file.`,
        },
      );
    }
    const self = session.access.relation === 'self';
    const parts = dossierParts.filter((part) => {
      if (!offers(c.var.tenant.settings, partWidget[part])) return false;
      const need = partRight[part];
      return need === 'client' ? self : session.access.rights[need];
    });

    const limited = await consume(db, scope.tenantId, dossierLimit(scope.clientId));
    if (!limited.allowed) {
      throw Problem.tooManyRequests(
        {
          nl: 'U heeft vandaag al een paar keer uw dossier gedownload. Probeer het morgen opnieuw.',
          en: 'You have already downloaded your file a few times today. Try again tomorrow.',
        },
        limited.retryAfterSeconds,
      );
    }

    const generatedAt = new Date();
    const logged = auditRow(c, { action: 'dossier.download', resourceType: 'dossier', details: { parts, format: 'zip' } });
    const tenant = c.var.tenant;
    // The audit row goes in with the first read: the access log when it is part of the copy
    // (it cannot see its own row), else the counts.
    const accessLog = parts.includes('access-log')
      ? await accessLogLines(
          db,
          {
            tenantId: tenant.id,
            tenantName: tenant.name,
            clientId: scope.clientId,
            accountId: scope.accountId,
            showStaffNames: tenant.settings.accessLog.showStaffNames,
          },
          { start: new Date(0), end: generatedAt },
          logged,
        )
      : undefined;
    const counts = await dossierCounts(db, scope, accessLog ? undefined : logged);
    if (!counts) throw Problem.notFound();
    const profile = parts.includes('profile') ? await profileRow(db, scope) : undefined;
    const contacts = parts.includes('contacts') ? await contactsOf(db, scope) : undefined;

    const zip = await dossierZip({
      db,
      scope,
      organisation: tenant.name,
      parts,
      counts,
      downloadedBy: { name: session.displayName, relation: self ? 'client' : 'legal-representative' },
      generatedAt,
      profile: profile ? profileView(profile, generatedAt) : undefined,
      contacts,
      accessLog,
      onError: (error) => c.var.logger.error('dossier zip failed', { error }),
    });
    const fileName = `dossier-${isoDate(amsterdamDate(generatedAt))}.zip`;
    return c.body(coalescedWebStream(zip), 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });
}
