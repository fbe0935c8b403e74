import { Hono, type Context } from 'hono';
import { plainLine } from '../http/plain-text.js';
import type { AppEnv } from '../http/app-env.js';
import type { ClientScope } from '../http/session-types.js';
import { audit } from '../audit/audit-log.js';
import { requireClientSession, requirePlanDecision } from '../auth/session-middleware.js';
import { clientAddress } from '../http/client-address.js';
import { isUuid } from '../http/idempotency.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { challengeBinding, sendConfirmationCode, verifyConfirmationCode } from '../auth/confirmation-code.js';
import { planDocumentHash, planOf, planPdf, plansOf, recordPlanDecision, type PlanView } from './queries.js';
import { planDecisionBody, planDecisionConfirmBody } from './schemas.js';

const planNotFound = () =>
  Problem.notFound({
    nl: 'Dit cliëntplan bestaat niet of u heeft er geen toegang toe.',
    en: 'This client plan does not exist or you have no access to it.',
  });

async function planInScope<E extends AppEnv>(c: Context<E>, scope: ClientScope): Promise<PlanView> {
  const id = c.req.param('id') ?? '';
  const plan = isUuid(id) ? await planOf(c.var.db, scope, id) : undefined;
  if (!plan) throw planNotFound();
  return plan;
}

function alreadyDecided(plan: PlanView) {
  return new Problem(
    409,
    'plan-decided',
    { nl: 'Al besloten', en: 'Already decided' },
    plan.status === 'signed'
      ? { nl: 'Dit cliëntplan is al ondertekend.', en: 'This client plan has already been signed.' }
      : { nl: 'Dit cliëntplan is al afgekeurd.', en: 'This client plan has already been rejected.' },
    {
      plan,
    },
  );
}

/** A file name for Content-Disposition: ASCII for old agents, the exact name as RFC 8187 filename*. */
function contentDisposition(stored: string) {
  // Stored names predate the cleaning of pushed titles: a bidi override must not turn "fdp.exe" into "exe.pdf".
  const fileName = plainLine(stored).trim() || 'clientplan.pdf';
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'clientplan.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The client plan ("Cliëntplan"), at /plans: its documents, each PDF as stored, and the one decision per
 * document (sign or reject), confirmed with a fresh SMS code bound to plan, decision and hash.
 */
export function planRoutes() {
  return new Hono<AppEnv>()
    .use(requireClientSession('plan'))
    .get('/', async (c) => {
      const items = await plansOf(c.var.db, c.var.scope);
      await audit(c, { action: 'plans.list', resourceType: 'plan', details: { count: items.length } });
      // The widget shows "Ondertekenen"/"Afkeuren" only to whom the decision routes allow.
      return c.json({ items, mayDecide: c.var.session.access.mayDecidePlan });
    })

    .get('/:id/pdf', async (c) => {
      const scope = c.var.scope;
      const plan = await planInScope(c, scope);
      const file = await planPdf(c.var.db, scope, plan.id);
      if (!file) throw planNotFound();
      await audit(c, { action: 'plans.download', resourceType: 'plan', resourceId: plan.id, details: { sha256: file.sha256 } });
      const bytes = Buffer.from(file.pdf);
      return c.body(bytes, 200, {
        'content-type': 'application/pdf',
        'content-length': String(bytes.byteLength),
        'content-disposition': contentDisposition(file.file_name),
        'cache-control': 'private, no-store',
        etag: `"${file.sha256}"`,
        'x-content-type-options': 'nosniff',
      });
    })

    .post('/:id/decision', requirePlanDecision(), async (c) => {
      const body = parseOr400(planDecisionBody, await readJson(c));
      const scope = c.var.scope;
      const plan = await planInScope(c, scope);
      if (plan.status !== 'undecided') throw alreadyDecided(plan);
      const account = await c.var.db
        .selectFrom('accounts')
        .select('mobile_phone')
        .where('tenant_id', '=', scope.tenantId)
        .where('id', '=', c.var.session.accountId)
        .executeTakeFirst();
      if (!account?.mobile_phone) {
        throw new Problem(
          409,
          'no-mobile',
          { nl: 'Geen mobiel nummer', en: 'No mobile number' },
          {
            nl: 'Er is geen mobiel nummer bekend om de code naar te sturen. Neem contact op met uw zorgteam.',
            en: 'There is no mobile number known to send the code to. Contact your care team.',
          },
        );
      }
      const sha256 = await planDocumentHash(c.var.db, scope, plan.id);
      if (!sha256) throw planNotFound();
      const sent = await sendConfirmationCode(c, {
        purpose: 'plan_decision',
        destination: account.mobile_phone,
        binding: { planId: plan.id, decision: body.decision, sha256, ...(body.reason ? { reason: body.reason } : {}) },
        resourceType: 'plan',
        resourceId: plan.id,
      });
      return c.json({ ...sent, decision: body.decision }, 202);
    })

    .post('/:id/decision/confirm', requirePlanDecision(), async (c) => {
      const body = parseOr400(planDecisionConfirmBody, await readJson(c));
      const scope = c.var.scope;
      const session = c.var.session;
      const plan = await planInScope(c, scope);
      if (plan.status !== 'undecided') throw alreadyDecided(plan);
      // Plan, decision and hash are what the server holds now; the reason is the one typed when
      // the code was asked for, kept in the challenge's binding.
      const stored = await challengeBinding(c, 'plan_decision', body.challengeId);
      const decision = body.decision ?? (stored?.['decision'] === 'reject' ? 'reject' : 'sign');
      const reason = decision === 'reject' ? (stored?.['reason'] ?? null) : null;
      const sha256 = (await planDocumentHash(c.var.db, scope, plan.id))!;
      await verifyConfirmationCode(c, {
        purpose: 'plan_decision',
        challengeId: body.challengeId,
        code: body.code,
        binding: { planId: plan.id, decision, sha256, ...(reason ? { reason } : {}) },
        resourceType: 'plan',
        resourceId: plan.id,
      });
      const recorded = await c.var.db.transaction().execute(async (trx) => {
        const inserted = await recordPlanDecision(trx, scope, {
          planId: plan.id,
          decision: decision === 'sign' ? 'signed' : 'rejected',
          reason,
          accountId: session.accountId,
          decidedByName: session.displayName,
          ip: clientAddress(c, c.var.config.trustedProxies),
          userAgent: c.req.header('user-agent') ?? null,
          documentSha256: sha256,
        });
        if (inserted) {
          await audit(
            c,
            {
              action: decision === 'sign' ? 'plans.sign' : 'plans.reject',
              resourceType: 'plan',
              resourceId: plan.id,
              details: { sha256, challengeId: body.challengeId },
            },
            trx,
          );
        }
        return inserted;
      });
      const now = (await planOf(c.var.db, scope, plan.id))!;
      if (!recorded) throw alreadyDecided(now);
      return c.json(now);
    });
}
