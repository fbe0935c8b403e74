import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';

export type PlanStatus = 'undecided' | 'signed' | 'rejected';

export interface PlanView {
  id: string;
  title: string;
  version: string;
  /** Date of the document, YYYY-MM-DD. */
  date: string;
  fileName: string;
  /** SHA-256 of the PDF as stored, hex. */
  sha256: string;
  status: PlanStatus;
  /** Who decided and when: "Ondertekend door … op …" / "Afgekeurd … Reden: …". */
  decision: { by: string; at: string; reason: string | null } | null;
}

function plansOfClient(db: Kysely<Database>, scope: ClientScope) {
  return db
    .selectFrom('plan_documents as p')
    .leftJoin('plan_decisions as d', (join) => join.onRef('d.tenant_id', '=', 'p.tenant_id').onRef('d.plan_document_id', '=', 'p.id'))
    .select([
      'p.id',
      'p.title',
      'p.version',
      'p.document_date',
      'p.file_name',
      'p.sha256',
      'd.decision',
      'd.decided_by_name',
      'd.decided_at',
      'd.reason',
    ])
    .where('p.tenant_id', '=', scope.tenantId)
    .where('p.client_id', '=', scope.clientId);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof plansOfClient>['executeTakeFirstOrThrow']>>;

function planView(row: PlanRow): PlanView {
  return {
    id: row.id,
    title: row.title,
    version: row.version,
    date: row.document_date,
    fileName: row.file_name,
    sha256: row.sha256,
    status: row.decision ?? 'undecided',
    decision: row.decision ? { by: row.decided_by_name!, at: new Date(row.decided_at!).toISOString(), reason: row.reason } : null,
  };
}

/** Newest document first; the PDF bytes stay in the database. */
export async function plansOf(db: Kysely<Database>, scope: ClientScope): Promise<PlanView[]> {
  const rows = await plansOfClient(db, scope)
    .orderBy('p.document_date', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map(planView);
}

export async function planOf(db: Kysely<Database>, scope: ClientScope, id: string): Promise<PlanView | undefined> {
  const row = await plansOfClient(db, scope).where('p.id', '=', id).executeTakeFirst();
  return row && planView(row);
}

/**
 * The hash a decision is bound to: computed from the bytes themselves, so a code asked for one
 * version of a document cannot confirm another that the ECD put in its place.
 */
export async function planDocumentHash(db: Kysely<Database>, scope: ClientScope, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('plan_documents')
    .select(sql<string>`encode(sha256(pdf), 'hex')`.as('sha256'))
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.sha256;
}

export async function planPdf(db: Kysely<Database>, scope: ClientScope, id: string) {
  return db
    .selectFrom('plan_documents')
    .select(['pdf', 'file_name', 'sha256'])
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface NewPlanDecision {
  planId: string;
  decision: 'signed' | 'rejected';
  reason: string | null;
  accountId: string;
  decidedByName: string;
  ip: string | null;
  userAgent: string | null;
  documentSha256: string;
}

/** Records the one decision of a plan; false when there already is one (the primary key decides). */
export async function recordPlanDecision(trx: Kysely<Database>, scope: ClientScope, decision: NewPlanDecision): Promise<boolean> {
  const row = await trx
    .insertInto('plan_decisions')
    .values({
      tenant_id: scope.tenantId,
      plan_document_id: decision.planId,
      client_id: scope.clientId,
      decision: decision.decision,
      reason: decision.reason,
      account_id: decision.accountId,
      decided_by_name: decision.decidedByName,
      ip: decision.ip,
      user_agent: decision.userAgent?.slice(0, 500) ?? null,
      document_sha256: decision.documentSha256,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'plan_document_id']).doNothing())
    .returning('plan_document_id')
    .executeTakeFirst();
  return row !== undefined;
}
