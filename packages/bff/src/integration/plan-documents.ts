import { createHash } from 'node:crypto';
import { z } from 'zod';
import { clientIdsByEcdId, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { calendarDate, ecdId, line } from './fields.js';

export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_PDF_BYTES / 3) * 4;

export const planDocumentSchema = z.strictObject({
  ecdId,
  clientEcdId: ecdId,
  title: line(200),
  version: line(50),
  documentDate: calendarDate,
  fileName: line(200).regex(/\.pdf$/i, 'a file name ending in .pdf'),
  /** The PDF, base64 (standard alphabet, padded), at most 10 MB decoded. */
  pdfBase64: z
    .string({ error: 'required' })
    .max(MAX_BASE64_CHARS, `at most ${MAX_PDF_BYTES / 1024 / 1024} MB of PDF`)
    // A plain character class: a grouped repetition would overflow the regex stack on 13 MB.
    .refine((b64) => b64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(b64), 'base64 (standard alphabet, padded)')
    .refine((b64) => Buffer.from(b64.slice(0, 8), 'base64').toString('latin1').startsWith('%PDF-'), 'not a PDF (it must start with %PDF-)')
    .meta({ contentEncoding: 'base64', contentMediaType: 'application/pdf', description: 'The PDF, base64, at most 10 MB decoded.' }),
});
export type PlanDocumentPush = z.infer<typeof planDocumentSchema>;

/**
 * A client plan ("zorgplan") the client may sign or reject. Its SHA-256 is stored with it and
 * with a decision. Once decided, a plan document is a record of what was signed: pushing other
 * content under its ecdId is a conflict (send a new version under a new ecdId).
 */
export const planDocumentRecords: RecordKind<PlanDocumentPush> = {
  name: 'plan-documents',
  resourceType: 'plan_document',
  schema: planDocumentSchema,
  async apply({ trx, tenant }, items) {
    const clients = await clientIdsByEcdId(
      trx,
      tenant.id,
      items.map((item) => item.clientEcdId),
    );
    const outcomes: Outcome[] = [];
    for (const item of items) {
      const clientId = clients.get(item.clientEcdId);
      if (!clientId) {
        outcomes.push(unknownClient());
        continue;
      }
      const pdf = Buffer.from(item.pdfBase64, 'base64');
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const fields = {
        client_id: clientId,
        title: item.title,
        version: item.version,
        document_date: item.documentDate,
        file_name: item.fileName,
        sha256,
      };
      // The row lock keeps a decision from landing between this check and the update
      // (the decision's foreign key needs a lock that conflicts with this one).
      const stored = await trx
        .selectFrom('plan_documents as p')
        .leftJoin('plan_decisions as d', (join) => join.onRef('d.tenant_id', '=', 'p.tenant_id').onRef('d.plan_document_id', '=', 'p.id'))
        .select(['p.id', 'p.client_id', 'p.title', 'p.version', 'p.document_date', 'p.file_name', 'p.sha256', 'd.decision'])
        .where('p.tenant_id', '=', tenant.id)
        .where('p.ecd_id', '=', item.ecdId)
        .forUpdate(['p'])
        .executeTakeFirst();
      if (!stored) {
        const row = await trx
          .insertInto('plan_documents')
          .values({ tenant_id: tenant.id, ecd_id: item.ecdId, ...fields, pdf })
          .returning('id')
          .executeTakeFirstOrThrow();
        outcomes.push({ status: 'created', id: row.id, clientId });
        continue;
      }
      const same = (Object.keys(fields) as (keyof typeof fields)[]).every((key) => stored[key] === fields[key]);
      if (same) {
        outcomes.push({ status: 'unchanged', id: stored.id, clientId });
      } else if (stored.decision) {
        outcomes.push({
          status: 'conflict',
          errors: [
            {
              field: 'ecdId',
              detail: `this plan was ${stored.decision === 'signed' ? 'signed' : 'rejected'} by the client and cannot be replaced; push the new version under a new ecdId`,
            },
          ],
        });
      } else {
        await trx
          .updateTable('plan_documents')
          .set({ ...fields, pdf })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', stored.id)
          .execute();
        outcomes.push({ status: 'updated', id: stored.id, clientId });
      }
    }
    return outcomes;
  },
};
