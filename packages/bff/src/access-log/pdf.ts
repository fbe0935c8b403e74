import type { Readable } from 'node:stream';
import { CpuSlices } from '../http/cpu-share.js';
import { grey, madeAtLabel, pagedPdf, periodLabel } from '../reports/pdf.js';
import { amsterdamClock, amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import type { AccessLogGroup } from './grouping.js';
import { whatSentence, whoSentence } from './wording.js';

export interface AccessLogPdfInput {
  organisation: string;
  clientName: string;
  /** Inclusive Amsterdam calendar days, YYYY-MM-DD. */
  period: { from: string; to: string };
  /** How many accesses, before grouping. */
  total: number;
  generatedAt: Date;
  /** The grouped lines, newest first, a few hundred at a time. */
  batches: AsyncIterable<AccessLogGroup[]>;
}

export function accessLogPdfFileName(period: { from: string; to: string }) {
  return `inzage-dossier-${period.from}-${period.to}.pdf`;
}

const dayHeading = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const danger = '#b00020';
const TIME_COLUMN = 72;

/**
 * "Wie heeft mijn dossier bekeken?" as a PDF: the lines of the period by day, newest first, as the
 * widget shows them, similar lines grouped ("09:02–09:40 · 12× Rapportages bekeken").
 */
export function streamAccessLogPdf(input: AccessLogPdfInput): Readable {
  const { doc, width, keepTogether, finish } = pagedPdf({
    title: `Wie heeft mijn dossier bekeken? ${input.clientName}, ${periodLabel(input.period)}`,
    author: input.organisation,
    runningTitle: `${input.organisation} · Inzage in het dossier van ${input.clientName} · ${periodLabel(input.period)}`,
  });
  const left = doc.page.margins.left;
  const slices = new CpuSlices();
  const write = async () => {
    doc.fillColor('black').font('bold').fontSize(16).text(input.organisation, { width });
    doc.moveDown(0.2).fontSize(13).text('Wie heeft mijn dossier bekeken?', { width });
    doc.moveDown(0.4).font('regular').fontSize(10.5);
    doc.text(`Cliënt: ${input.clientName}`, { width });
    doc.text(`Periode: ${periodLabel(input.period)}`, { width });
    doc.text(`Aantal keer ingezien of gewijzigd: ${input.total}`, { width });
    doc.fillColor(grey).fontSize(9).text(madeAtLabel(input.generatedAt), { width });
    doc
      .text('Gelijke regels direct na elkaar op één dag staan samen op één regel, met hoe vaak ("12×") en van hoe laat tot hoe laat.', {
        width,
      })
      .fillColor('black')
      .moveDown(1);
    if (input.total === 0) doc.fontSize(10.5).text('Niemand heeft uw dossier in deze periode ingezien.', { width });

    let day = '';
    for await (const batch of input.batches) {
      for (const { line, count, since } of batch) {
        await slices.maybeYield();
        const at = new Date(line.at);
        const lineDay = isoDate(amsterdamDate(at));
        if (lineDay !== day) {
          day = lineDay;
          doc.font('bold').fontSize(11);
          // A day's heading stays with its first line.
          keepTogether(doc.currentLineHeight(true) * 3.5);
          const heading = dayHeading.format(new Date(`${day}T00:00:00Z`));
          doc.moveDown(0.5).text(heading.charAt(0).toUpperCase() + heading.slice(1), left, doc.y, { width });
          doc.moveDown(0.2);
        }
        doc.font('regular').fontSize(10);
        keepTogether(doc.currentLineHeight(true) * 1.5);
        const top = doc.y;
        const [from, to] = [amsterdamClock(new Date(since)), amsterdamClock(at)];
        const clock = from === to ? to : `${from}–${to}`;
        doc.fillColor(grey).text(clock, left, top, { width: TIME_COLUMN - 6 });
        const timeBottom = doc.y;
        const what = `${count > 1 ? `${count}× ` : ''}${whatSentence(line)}`;
        doc.fillColor('black').text(`${whoSentence(line)} · ${what}`, left + TIME_COLUMN, top, {
          width: width - TIME_COLUMN,
          continued: line.breakTheGlass,
        });
        if (line.breakTheGlass)
          doc
            .fillColor(danger)
            .font('bold')
            .text(' · Noodtoegang: ingezien met de noodprocedure, zonder dat u daar vooraf toestemming voor gaf.');
        doc.fillColor('black').font('regular');
        doc.y = Math.max(doc.y, timeBottom) + 2;
      }
    }
    finish();
    await slices.maybeYield();
  };
  write().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}
