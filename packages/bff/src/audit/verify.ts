import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface ChainBreak {
  /** The chain position that is wrong or missing. */
  seq: number;
  kind: 'changed' | 'missing' | 'relinked';
  /** The audit row at that position (for 'missing': the row found after the gap), if there is one. */
  row?: { id: number; occurredAt: Date; action: string };
}

export interface ChainReport {
  tenantId: string;
  slug: string;
  rows: number;
  firstBreak: ChainBreak | null;
}

interface CheckedRow {
  seq: string;
  id: string;
  occurred_at: Date;
  action: string;
  content_ok: boolean;
  link_ok: boolean;
  expected_seq: string;
}

/**
 * Walks one tenant's audit chain in the database: every row's hash must match its content and the
 * previous row's hash, positions must follow on without a gap, and the chain must end where
 * audit_chain_heads says (so removing the newest rows shows too). Returns the first break.
 */
export async function verifyAuditChain(db: Kysely<Database>, tenant: { id: string; slug: string }): Promise<ChainReport> {
  const head = await db.selectFrom('audit_chain_heads').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirst();
  const startSeq = head ? Number(head.purged_through_seq) : 0;
  const result = await sql<CheckedRow & { rows: string; last_seq: string | null; last_hash_ok: boolean | null }>`
    with checked as (
      select a.chain_seq as seq, a.id, a.occurred_at, a.action,
             a.row_hash = audit_log_row_hash(a.prev_hash, a) as content_ok,
             a.prev_hash = coalesce(lag(a.row_hash) over w, ${head?.purged_through_hash ?? null}::bytea, decode(repeat('00', 32), 'hex')) as link_ok,
             coalesce(lag(a.chain_seq) over w, ${startSeq}) + 1 as expected_seq,
             a.row_hash
      from audit_log a where a.tenant_id = ${tenant.id}
      window w as (order by a.chain_seq)
    ),
    totals as (
      select count(*) as rows, max(seq) as last_seq,
             bool_or(seq = ${head?.last_seq ?? null}::bigint and row_hash = ${head?.last_hash ?? null}::bytea) as last_hash_ok
      from checked
    )
    select totals.*, bad.* from totals
    left join lateral (
      select seq, id, occurred_at, action, content_ok, link_ok, expected_seq from checked
      where seq <> expected_seq or not content_ok or not link_ok order by seq limit 1
    ) bad on true`.execute(db);
  const summary = result.rows[0]!;
  const rows = Number(summary.rows);
  const report = (firstBreak: ChainBreak | null): ChainReport => ({ tenantId: tenant.id, slug: tenant.slug, rows, firstBreak });
  if (summary.seq !== null && summary.seq !== undefined) {
    const seq = Number(summary.seq);
    const row = { id: Number(summary.id), occurredAt: summary.occurred_at, action: summary.action };
    if (seq !== Number(summary.expected_seq)) return report({ seq: Number(summary.expected_seq), kind: 'missing', row });
    return report({ seq, kind: summary.content_ok ? 'relinked' : 'changed', row });
  }
  const lastSeq = head ? Number(head.last_seq) : 0;
  const lastFound = summary.last_seq === null ? startSeq : Number(summary.last_seq);
  if (lastFound < lastSeq) return report({ seq: lastFound + 1, kind: 'missing' });
  if (head && rows > 0 && !summary.last_hash_ok) return report({ seq: lastFound, kind: 'changed' });
  return report(null);
}

/** One line for an operator: the chain is intact, or which row broke it and how. */
export function describeChainReport(report: ChainReport): string {
  const broken = report.firstBreak;
  if (!broken) return `${report.slug}: audit chain intact (${report.rows} rows)`;
  const row = broken.row ? ` (audit row id ${broken.row.id}, ${broken.row.occurredAt.toISOString()}, ${broken.row.action})` : '';
  switch (broken.kind) {
    case 'missing':
      return `${report.slug}: audit row ${broken.seq} is missing${broken.row ? `; the chain continues at row ${broken.row.id}${row}` : ' at the end of the chain'}`;
    case 'changed':
      return `${report.slug}: audit row ${broken.seq} was changed: its hash does not match its content${row}`;
    case 'relinked':
      return `${report.slug}: audit row ${broken.seq} does not link to the row before it: the row before was changed or replaced${row}`;
  }
}
