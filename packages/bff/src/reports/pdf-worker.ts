import { parentPort } from 'node:worker_threads';
import { streamReportsPdf } from './pdf.js';
import type { PdfJob, ToPdfWorker } from './pdf-workers.js';
import type { ReportView } from './queries.js';

// A worker thread of the PDF pool (pdf-workers.ts): makes one reports PDF at a time, asking the
// main thread for each batch of rows and handing back the bytes as they come.
const port = parentPort!;
let inbox: ((message: ToPdfWorker) => void) | undefined;
port.on('message', (message: ToPdfWorker) => {
  if (message.kind === 'job') void make(message.job);
  else inbox?.(message);
});

async function* batches(): AsyncGenerator<ReportView[]> {
  for (;;) {
    const reply = new Promise<ToPdfWorker>((resolve) => (inbox = resolve));
    port.postMessage({ kind: 'need' });
    const message = await reply;
    if (message.kind !== 'batch') return;
    yield message.rows;
  }
}

async function make(job: PdfJob) {
  try {
    const doc = streamReportsPdf({ ...job, generatedAt: new Date(job.generatedAt), batches: batches() });
    for await (const chunk of doc) port.postMessage({ kind: 'bytes', bytes: chunk as Buffer });
    port.postMessage({ kind: 'done' });
  } catch (error) {
    port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
