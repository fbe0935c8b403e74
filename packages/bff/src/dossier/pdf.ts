import type { Readable } from 'node:stream';
import { CpuSlices } from '../http/cpu-share.js';
import { grey, madeAtLabel, pagedPdf, readerPace } from '../reports/pdf.js';

/** One item of a part: a bold first line ("di 3 november 2026 10:00 · Zr. Jansen") and its text. */
export interface PdfEntry {
  heading: string;
  lines: string[];
}

export interface DossierPartPdfInput {
  organisation: string;
  clientName: string;
  /** "Metingen", "Afspraken", …: the document's title. */
  title: string;
  /** Lines under the title: "Aantal metingen: 312". */
  summary: string[];
  /** Shown when no entry comes: "Er zijn geen metingen." */
  empty: string;
  generatedAt: Date;
  /** The entries in print order, a page of rows at a time. */
  batches: AsyncIterable<PdfEntry[]>;
}

/**
 * A readable PDF of one part of the dossier (measurements, appointments, messages, personal data)
 * in the reports PDF's layout (reports/pdf.ts `pagedPdf`). Streamed: each batch is laid out as it
 * arrives and waits while the reader has not taken the bytes so far, so a year of entries is
 * never held whole. One of the PDF pool's layouts (reports/pdf-layouts.ts).
 */
export function streamDossierPartPdf(input: DossierPartPdfInput): Readable {
  const { doc, width, keepTogether, finish } = pagedPdf({
    title: `${input.title} ${input.clientName}`,
    author: input.organisation,
    runningTitle: `${input.organisation} · ${input.title} ${input.clientName}`,
  });
  const left = doc.page.margins.left;
  const slices = new CpuSlices();
  const paced = readerPace(doc);
  const write = async () => {
    doc.fillColor('black').font('bold').fontSize(16).text(input.organisation, { width });
    doc.moveDown(0.2).fontSize(13).text(input.title, { width });
    doc.moveDown(0.4).font('regular').fontSize(10.5);
    doc.text(`Cliënt: ${input.clientName}`, { width });
    for (const line of input.summary) doc.text(line, { width });
    doc.fillColor(grey).fontSize(9).text(madeAtLabel(input.generatedAt), { width });
    doc.fillColor('black').moveDown(1);

    let entries = 0;
    for await (const batch of input.batches) {
      for (const entry of batch) {
        entries += 1;
        await slices.maybeYield();
        await paced();
        doc.font('bold').fontSize(10);
        // Keep a heading with at least two lines of its text.
        keepTogether(doc.currentLineHeight(true) * 3.5);
        doc.text(entry.heading, left, doc.y, { width });
        doc.font('regular').fontSize(10.5);
        for (const line of entry.lines) doc.text(line.replace(/\r\n?/g, '\n'), { width, lineGap: 1.5 });
        doc.moveDown(0.8);
      }
    }
    if (entries === 0) doc.font('regular').fontSize(10.5).text(input.empty, { width });
    await slices.maybeYield();
    finish();
  };
  write().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}
