import type { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { pdfLayouts, type PdfJob, type PdfLayouts, type ToPdfWorker } from './pdf-layouts.js';

// A worker thread of the PDF pool (pdf-workers.ts): makes one PDF at a time, asking the
// main thread for each batch of rows and handing back the bytes as they come.
const port = parentPort!;
let inbox: ((message: ToPdfWorker) => void) | undefined;
port.on('message', (message: ToPdfWorker) => {
  if (message.kind === 'job') void make(message.job);
  else inbox?.(message);
});

async function* batches(): AsyncGenerator<never[]> {
  for (;;) {
    const reply = new Promise<ToPdfWorker>((resolve) => (inbox = resolve));
    port.postMessage({ kind: 'need' });
    const message = await reply;
    if (message.kind !== 'batch') return;
    yield message.rows as never[];
  }
}

async function make(job: PdfJob) {
  try {
    const layout = pdfLayouts[job.layout] as (input: PdfLayouts[typeof job.layout]) => Readable;
    const doc = layout({
      ...job.input,
      generatedAt: new Date(job.input.generatedAt),
      batches: batches(),
    } as unknown as PdfLayouts[typeof job.layout]);
    for await (const chunk of doc) port.postMessage({ kind: 'bytes', bytes: chunk as Buffer });
    port.postMessage({ kind: 'done' });
  } catch (error) {
    port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
