import type { Readable } from 'node:stream';
import { streamAccessLogPdf, type AccessLogPdfInput } from '../access-log/pdf.js';
import { streamReportsPdf, type ReportsPdfInput } from './pdf.js';

/** The PDFs the pool lays out, each with its input (rows arrive in batches). */
export interface PdfLayouts {
  reports: ReportsPdfInput;
  'access-log': AccessLogPdfInput;
}
export type PdfLayout = keyof PdfLayouts;
/** The layout functions, by name: the worker thread runs the same ones. */
export const pdfLayouts: { [L in PdfLayout]: (input: PdfLayouts[L]) => Readable } = {
  reports: streamReportsPdf,
  'access-log': streamAccessLogPdf,
};

export type PdfJob = { layout: PdfLayout; input: Omit<PdfLayouts[PdfLayout], 'batches' | 'generatedAt'> & { generatedAt: string } };

export type ToPdfWorker = { kind: 'job'; job: PdfJob } | { kind: 'batch'; rows: unknown[] } | { kind: 'no-more' };
