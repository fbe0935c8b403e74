import { describe, expect, it } from 'vitest';
import { streamReportsPdf } from './pdf.js';
import type { ReportView } from './queries.js';

const year: ReportView[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `r${i}`,
  writtenAt: new Date(Date.UTC(2026, 10, 30) - i * 8 * 3600_000).toISOString(),
  author: 'Zr. Jansen',
  authorKind: 'staff',
  own: false,
  text: `Rapportage ${i + 1}. Cliënt heeft goed geslapen en heeft ontbeten; de wond is verzorgd en ziet er rustig uit.`,
}));

describe('the reports PDF', () => {
  it('leaves the event loop free for other requests while a year of reports is laid out', async () => {
    // Batches that are ready at once: nothing but the PDF itself gives the loop back.
    async function* batches() {
      for (let at = 0; at < year.length; at += 200) yield year.slice(at, at + 200);
    }
    let turns = 0;
    let rendering = true;
    const tick = () => {
      turns += 1;
      if (rendering) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    const doc = streamReportsPdf({
      organisation: 'Zorggroep',
      clientName: 'J. de Vries',
      period: { from: '2025-12-01', to: '2026-11-30' },
      total: year.length,
      generatedAt: new Date(),
      batches: batches(),
    });
    // CPU time, not the wall clock: other processes on a busy test machine do not count.
    const cpu = process.cpuUsage();
    const chunks: Buffer[] = [];
    for await (const chunk of doc) chunks.push(chunk as Buffer);
    rendering = false;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    expect(Buffer.concat(chunks).toString('latin1', 0, 5)).toBe('%PDF-');
    // A timer of 1 ms fires about every slice (5 ms of CPU) while the PDF is made, not once it is done.
    expect(turns).toBeGreaterThan(cpuMs / 25);
  });
});
