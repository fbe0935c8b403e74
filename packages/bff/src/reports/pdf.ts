import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { CpuSlices } from '../http/cpu-share.js';
import type { ReportView } from './queries.js';

const require = createRequire(import.meta.url);
// Noto Sans (SIL OFL), embedded and subset: covers the Latin-1 range and more (ë, ï, é, €, “ ”),
// where the PDF standard fonts are limited to WinAnsi. Unpacked from WOFF to plain TrueType once
// per process: left as WOFF, every PDF would inflate the glyph tables again in JavaScript.
export const pdfFonts = {
  regular: woffToTrueType(readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'))),
  bold: woffToTrueType(readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff'))),
};

/** WOFF 1.0 is a TrueType font with each table zlib-compressed; this writes the tables back out. */
export function woffToTrueType(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compressed);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(raw) : raw };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, i) => {
    header.writeUInt32BE(table.tag, 12 + i * 16);
    header.writeUInt32BE(table.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(table.data.length, 24 + i * 16);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

const zone = 'Europe/Amsterdam';
const writtenAtFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: zone,
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longDate = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const createdFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: zone,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export interface ReportsPdfInput {
  organisation: string;
  clientName: string;
  /** Inclusive Amsterdam calendar days, YYYY-MM-DD. */
  period: { from: string; to: string };
  total: number;
  generatedAt: Date;
  /** The reports in print order, a page of rows at a time. */
  batches: AsyncIterable<ReportView[]>;
}

export function reportsPdfFileName(period: { from: string; to: string }) {
  return `rapportages-${period.from}-tot-${period.to}.pdf`;
}

/** "16 november 2026 tot en met 23 november 2026" */
export function periodLabel(period: { from: string; to: string }) {
  const day = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));
  return period.from === period.to ? day(period.from) : `${day(period.from)} tot en met ${day(period.to)}`;
}

/** The parts of pdfkit that its typings leave out and the page total needs. */
interface PdfInternals {
  ref(data: Record<string, unknown>): { write(chunk: string): void; end(): void };
  page: { xobjects: Record<string, unknown>; height: number; width: number };
  addContent(content: string): void;
  _font: { id: string; ascender: number; ref(): unknown; encode(text: string): [string[], unknown] };
  _fontSize: number;
}

export const margin = { top: 72, bottom: 64, left: 60, right: 60 };
export const grey = '#555555';

/** "Gemaakt op 30 november 2026 14:05", under a document's heading. */
export const madeAtLabel = (at: Date) => `Gemaakt op ${createdFormat.format(at)}`;

/** An A4 document in Dutch with a running title above and "Pagina n van N" below every page. */
export interface PagedPdf {
  doc: PDFKit.PDFDocument;
  /** The width between the margins. */
  width: number;
  /** Starts a new page when fewer than `height` points are left on this one. */
  keepTogether(height: number): void;
  /** Writes N into every footer and ends the document. */
  finish(): void;
}

/**
 * "Pagina n van N" needs N before it is known: every footer draws N from one shared form XObject,
 * whose content is written by `finish()`. The first page is added at once.
 */
export function pagedPdf(options: { title: string; author: string; runningTitle: string }): PagedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: margin,
    autoFirstPage: false,
    bufferPages: false,
    info: { Title: options.title, Author: options.author, Creator: 'care-widgets' },
    lang: 'nl-NL',
  } as PDFKit.PDFDocumentOptions);
  const internals = doc as unknown as PdfInternals;
  doc.registerFont('regular', pdfFonts.regular);
  doc.registerFont('bold', pdfFonts.bold);

  const footerSize = 9;
  let pageCount = 0;
  let totalRef: ReturnType<PdfInternals['ref']> | undefined;

  doc.on('pageAdded', () => {
    pageCount += 1;
    // This runs in the middle of laying out a long text: leave font, position and colour as found.
    const font = internals._font;
    const fontSize = internals._fontSize;
    const { x, y } = doc;
    const width = doc.page.width - margin.left - margin.right;
    doc.save();
    doc.fillColor(grey).font('regular').fontSize(8);
    doc.text(options.runningTitle, margin.left, 36, { width, lineBreak: false, ellipsis: true, height: 12 });
    doc
      .moveTo(margin.left, 52)
      .lineTo(doc.page.width - margin.right, 52)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();

    doc.fontSize(footerSize);
    const prefix = `Pagina ${pageCount} van`;
    const prefixWidth = doc.widthOfString(prefix);
    const left = (doc.page.width - doc.widthOfString(`${prefix} 00`)) / 2;
    const top = doc.page.height - 40;
    doc.text(prefix, left, top, { lineBreak: false });
    const fontRes = internals._font;
    totalRef ??= internals.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, -5, 60, 15],
      Resources: { Font: { [fontRes.id]: fontRes.ref() } },
    });
    internals.page.xobjects['CWPageTotal'] = totalRef;
    const baseline = doc.page.height - top - (fontRes.ascender / 1000) * footerSize;
    internals.addContent(
      `q 1 0 0 -1 0 ${doc.page.height} cm 1 0 0 1 ${(left + prefixWidth).toFixed(2)} ${baseline.toFixed(2)} cm /CWPageTotal Do Q`,
    );
    doc.restore();
    internals._font = font;
    internals._fontSize = fontSize;
    doc.x = x;
    doc.y = y;
  });

  doc.addPage();
  return {
    doc,
    width: doc.page.width - margin.left - margin.right,
    keepTogether(height) {
      if (doc.y + height > doc.page.height - margin.bottom) doc.addPage();
    },
    finish() {
      doc.font('regular').fontSize(footerSize);
      const [glyphs] = internals._font.encode(` ${pageCount}`);
      totalRef?.write(`BT /${internals._font.id} ${footerSize} Tf <${glyphs.join('')}> Tj ET`);
      totalRef?.end();
      doc.end();
    },
  };
}

/**
 * Streams the reports PDF: each batch of rows is laid out as it arrives and pdfkit's output flows
 * to the reader, so a year of reports is never held whole.
 */
export function streamReportsPdf(input: ReportsPdfInput): Readable {
  const { doc, width, keepTogether, finish } = pagedPdf({
    title: `Rapportages ${input.clientName}, ${periodLabel(input.period)}`,
    author: input.organisation,
    runningTitle: `${input.organisation} · Rapportages ${input.clientName} · ${periodLabel(input.period)}`,
  });

  // Laying out a year of reports takes the main thread for a second or so: in slices (http/cpu-share.ts).
  const slices = new CpuSlices();
  const paced = readerPace(doc);
  const write = async () => {
    doc.fillColor('black').font('bold').fontSize(16).text(input.organisation, { width });
    doc.moveDown(0.2).fontSize(13).text('Rapportages', { width });
    doc.moveDown(0.4).font('regular').fontSize(10.5);
    doc.text(`Cliënt: ${input.clientName}`, { width });
    doc.text(`Periode: ${periodLabel(input.period)}`, { width });
    doc.text(`Aantal rapportages: ${input.total}`, { width });
    doc.fillColor(grey).fontSize(9).text(madeAtLabel(input.generatedAt), { width });
    doc.fillColor('black').moveDown(1);
    if (input.total === 0) doc.fontSize(10.5).text('Er zijn geen rapportages in deze periode.', { width });

    for await (const batch of input.batches) {
      for (const report of batch) {
        await slices.maybeYield();
        await paced();
        doc.font('bold').fontSize(10);
        // Keep a heading with at least two lines of its text.
        keepTogether(doc.currentLineHeight(true) * 3.5);
        const author = report.own ? `${report.author} (eigen rapportage)` : report.author;
        doc.text(`${writtenAtFormat.format(new Date(report.writtenAt))} · ${author}`, margin.left, doc.y, { width });
        doc.font('regular').fontSize(10.5).text(report.text.replace(/\r\n?/g, '\n'), { width, lineGap: 1.5 });
        doc.moveDown(0.8);
      }
    }

    finish();
    await slices.maybeYield();
  };
  write().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}

/**
 * pdfkit pushes its output whether or not anyone reads it, so a slow download would gather the
 * whole PDF in the stream's buffer. The returned function, awaited between two items, waits
 * while more than `limit` bytes are still unread.
 */
export function readerPace(doc: Readable, limit = 512 * 1024): () => Promise<void> {
  let wake: (() => void) | undefined;
  const resume = () => {
    wake?.();
    wake = undefined;
  };
  (doc as unknown as { _read: () => void })._read = resume;
  doc.once('close', resume);
  return async () => {
    while (doc.readableLength > limit && !doc.destroyed) await new Promise<void>((resolve) => (wake = resolve));
  };
}

/**
 * A web stream of a Node stream's bytes in chunks of about `chunkSize`: pdfkit emits thousands of
 * tiny chunks (one per PDF object), which cost more to pass along one by one than to write.
 */
export function coalescedWebStream(source: Readable, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const parts: Buffer[] = [];
      let size = 0;
      let done = false;
      while (size < chunkSize) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        parts.push(next.value);
        size += next.value.length;
      }
      if (size) controller.enqueue(new Uint8Array(Buffer.concat(parts, size)));
      if (done) controller.close();
    },
    cancel() {
      source.destroy();
    },
  });
}
