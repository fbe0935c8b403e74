import { z } from 'zod';
import { clientIdsByEcdId, unchangedIds, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { dateTime, differsFromExcluded, ecdId, line, text, wasInserted } from './fields.js';

export const reportSchema = z.strictObject({
  ecdId,
  clientEcdId: ecdId,
  writtenAt: dateTime,
  authorName: line(200),
  text: text(20_000),
});
export type ReportPush = z.infer<typeof reportSchema>;

/** A report ("rapportage") of the care team; one statement for the whole batch. */
export const reportRecords: RecordKind<ReportPush> = {
  name: 'reports',
  resourceType: 'report',
  schema: reportSchema,
  async apply({ trx, tenant }, items) {
    const clients = await clientIdsByEcdId(
      trx,
      tenant.id,
      items.map((item) => item.clientEcdId),
    );
    const rows = items.flatMap((item) => {
      const clientId = clients.get(item.clientEcdId);
      return clientId
        ? [
            {
              tenant_id: tenant.id,
              client_id: clientId,
              ecd_id: item.ecdId,
              written_at: item.writtenAt,
              author_name: item.authorName,
              author_kind: 'staff' as const,
              text: item.text,
            },
          ]
        : [];
    });
    const written = rows.length
      ? await trx
          .insertInto('reports')
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'ecd_id'])
              .doUpdateSet((eb) => ({
                client_id: eb.ref('excluded.client_id'),
                written_at: eb.ref('excluded.written_at'),
                author_name: eb.ref('excluded.author_name'),
                text: eb.ref('excluded.text'),
              }))
              .where(differsFromExcluded('reports', ['client_id', 'written_at', 'author_name', 'text'])),
          )
          .returning(['id', 'ecd_id', 'client_id', wasInserted.as('created')])
          .execute()
      : [];
    const byEcdId = new Map(written.map((row) => [row.ecd_id!, row]));
    const same = await unchangedIds(
      trx,
      'reports',
      tenant.id,
      rows.map((row) => row.ecd_id).filter((id) => !byEcdId.has(id)),
    );
    return items.map((item): Outcome => {
      if (!clients.has(item.clientEcdId)) return unknownClient();
      const row = byEcdId.get(item.ecdId);
      if (row) return { status: row.created ? 'created' : 'updated', id: row.id, clientId: row.client_id };
      const kept = same.get(item.ecdId)!;
      return { status: 'unchanged', ...kept };
    });
  },
};
