import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pdfLayouts, type PdfLayout, type PdfLayouts, type ToPdfWorker } from './pdf-layouts.js';
import type { ReportsPdfInput } from './pdf.js';

type FromPdfWorker = { kind: 'need' } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'done' } | { kind: 'failed'; message: string };

// The worker runs compiled JavaScript. Run from the TypeScript sources (the unit tests) there is
// none, and the PDF is laid out on the main thread in slices instead (http/cpu-share.ts).
const workerFile = fileURLToPath(new URL('./pdf-worker.js', import.meta.url));
const offThread = existsSync(workerFile);

/** At most this many PDFs are laid out at once, each on a thread of its own; more wait their turn. */
const POOL_SIZE = Math.max(1, availableParallelism() - 1);

interface Job {
  layout: PdfLayout;
  input: PdfLayouts[PdfLayout];
  output: PassThrough;
}

const idle: Worker[] = [];
const waiting: Job[] = [];
let started = 0;

/**
 * The reports PDF as a stream of bytes, laid out off the main thread: a year of reports takes a
 * second of CPU, during which the main thread keeps answering other requests. The rows are still
 * read here, a batch at a time, on the request's database connection.
 */
export function reportsPdf(input: ReportsPdfInput): Readable {
  return pdfOffThread('reports', input);
}

/** Any of the pool's PDFs (`pdfLayouts`), laid out off the main thread where the build allows. */
export function pdfOffThread<L extends PdfLayout>(layout: L, input: PdfLayouts[L]): Readable {
  if (!offThread) return pdfLayouts[layout](input);
  const output = new PassThrough();
  waiting.push({ layout, input, output });
  dispatch();
  return output;
}

function dispatch() {
  while (waiting.length) {
    const worker = idle.pop() ?? (started < POOL_SIZE ? startWorker() : undefined);
    if (!worker) return;
    run(worker, waiting.shift()!);
  }
}

function startWorker(): Worker {
  started += 1;
  const worker = new Worker(workerFile);
  worker.unref();
  worker.once('exit', () => {
    started -= 1;
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    dispatch();
  });
  return worker;
}

function run(worker: Worker, { layout, input, output }: Job) {
  if (output.destroyed) return release(worker);
  const rows = input.batches[Symbol.asyncIterator]() as AsyncIterator<unknown[]>;
  let finished = false;
  const finish = (outcome: 'done' | 'cancelled' | Error) => {
    if (finished) return;
    finished = true;
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    if (outcome === 'done') {
      output.end();
      release(worker);
      return;
    }
    if (outcome instanceof Error) output.destroy(outcome);
    rows.return?.().catch(() => {});
    // A worker stopped half-way (the download was cancelled, or it failed) is not reused.
    void worker.terminate();
  };
  const onMessage = (message: FromPdfWorker) => {
    if (message.kind === 'need') {
      // The next batch only once the reader has taken the bytes so far: a slow download holds
      // back the worker instead of gathering the PDF in `output`.
      const drained = output.writableNeedDrain ? new Promise((resolve) => output.once('drain', resolve)) : Promise.resolve();
      drained
        .then(() => (finished ? { done: true as const, value: undefined } : rows.next()))
        .then(
          (next) => !finished && worker.postMessage(next.done ? { kind: 'no-more' } : { kind: 'batch', rows: next.value }),
          (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
        );
    } else if (message.kind === 'bytes')
      output.write(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
    else if (message.kind === 'done') finish('done');
    else finish(new Error(`${layout} PDF failed: ${message.message}`));
  };
  const onError = (error: Error) => finish(error);
  const onExit = () => finish(new Error('the PDF worker thread ended'));
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  output.once('close', () => finish('cancelled'));
  worker.ref();
  const { batches: _rows, generatedAt, ...job } = input;
  worker.postMessage({ kind: 'job', job: { layout, input: { ...job, generatedAt: generatedAt.toISOString() } } } satisfies ToPdfWorker);
}

function release(worker: Worker) {
  worker.unref();
  idle.push(worker);
  dispatch();
}
