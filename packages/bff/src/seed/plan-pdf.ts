import PDFDocument from 'pdfkit';
import { amsterdamTime } from '../time/amsterdam-time.js';
import { dutchDate, type ClientPlan } from './client-plan.js';

const accent = '#2f5d62';
const muted = '#555555';

/**
 * Lays a client plan out as an A4 PDF. The creation date is the document date, not the moment
 * of rendering, so the same plan always gives the same bytes and the same SHA-256.
 */
export function renderPlanPdf(plan: ClientPlan): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: 60, right: 60 },
    bufferPages: true,
    info: {
      Title: `${plan.title} ${plan.client.name} versie ${plan.version}`,
      Author: plan.organisation,
      Subject: plan.title,
      CreationDate: amsterdamTime(plan.documentDate, 9, 0),
    },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font('Helvetica-Bold').fontSize(10).fillColor(accent).text(plan.organisation.toUpperCase(), { characterSpacing: 1 });
  doc.font('Helvetica').fontSize(9).fillColor(muted).text(plan.team);
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(22).fillColor('black').text(plan.title);
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor(muted)
    .text(`Versie ${plan.version} – ${dutchDate(plan.documentDate)}`);
  doc.moveDown(1);

  const facts: [string, string][] = [
    ['Cliënt', plan.client.name],
    ['Geboortedatum', dutchDate(plan.client.dateOfBirth)],
    ['Adres', plan.client.address],
    ['BSN', plan.client.bsn],
    ['Contactpersoon', plan.contactPerson],
  ];
  const boxTop = doc.y;
  doc
    .rect(doc.page.margins.left, boxTop, width, facts.length * 16 + 16)
    .fillColor('#eef4f4')
    .fill();
  let y = boxTop + 8;
  for (const [label, value] of facts) {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('black')
      .text(label, doc.page.margins.left + 10, y, { width: 110 });
    doc.font('Helvetica').text(value, doc.page.margins.left + 125, y, { width: width - 135 });
    y += 16;
  }
  doc.x = doc.page.margins.left;
  doc.y = boxTop + facts.length * 16 + 32;

  paragraph(doc, plan.introduction, width);
  if (plan.changes) {
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(muted).text(plan.changes, { width });
    doc.moveDown(0.8);
  }

  for (const domain of plan.domains) {
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(13).fillColor(accent).text(domain.heading, { width });
    doc.moveDown(0.3);
    labelled(doc, 'Situatie', domain.situation, width);
    labelled(doc, 'Doel', domain.goal, width);
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text('Afspraken', { width });
    doc.font('Helvetica').fontSize(10).list(domain.agreements, { width, bulletRadius: 2, textIndent: 12, paragraphGap: 2 });
    doc.moveDown(0.8);
  }

  if (doc.y > doc.page.height - 180) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(13).fillColor(accent).text('Ondertekening', { width });
  doc.moveDown(0.3);
  paragraph(doc, plan.closing, width);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - doc.page.margins.bottom + 20;
    // Writing below the bottom margin would start a new page; lift the margin for the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(muted)
      .text(
        `${plan.title} ${plan.client.name} – versie ${plan.version} – pagina ${i + 1} van ${range.count}`,
        doc.page.margins.left,
        bottom,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

function paragraph(doc: PDFKit.PDFDocument, text: string, width: number): void {
  doc.font('Helvetica').fontSize(10).fillColor('black').text(text, { width, lineGap: 2 });
  doc.moveDown(0.8);
}

function labelled(doc: PDFKit.PDFDocument, label: string, text: string, width: number): void {
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${label}: `, { continued: true, width });
  doc.font('Helvetica').text(text, { width, lineGap: 2 });
  doc.moveDown(0.4);
}
