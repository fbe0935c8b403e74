import type { Readable } from 'node:stream';
import { streamAccessLogPdf, type AccessLogPdfInput } from '../access-log/pdf.js';
import { streamDossierPartPdf, type DossierPartPdfInput } from '../dossier/pdf.js';
import { streamReportsPdf, type ReportsPdfInput } from './pdf.js';

/** The PDFs the pool lays out, each with its input (rows arrive in batches). */
export interface PdfLayouts {
  reports: ReportsPdfInput;
  'access-log': AccessLogPdfInput;
  'dossier-part': DossierPartPdfInput;
}
export type PdfLayout = keyof PdfLayouts;
/** The layout functions, by name: the worker thread runs the same ones. */
export const pdfLayouts: { [L in PdfLayout]: (input: PdfLayouts[L]) => Readable } = {
  reports: streamReportsPdf,
  'access-log': streamAccessLogPdf,
  'dossier-part': streamDossierPartPdf,
};

export type PdfJob = { layout: PdfLayout; input: Omit<PdfLayouts[PdfLayout], 'batches' | 'generatedAt'> & { generatedAt: string } };

export type ToPdfWorker = { kind: 'job'; job: PdfJob } | { kind: 'batch'; rows: unknown[] } | { kind: 'no-more' };
