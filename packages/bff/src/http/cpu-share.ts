/**
 * Long CPU-bound work on the main thread (a year of reports as PDF) runs in short slices, and all
 * such work together gets one slice per turn of the event loop: between two slices the loop
 * serves I/O, so other requests wait about one slice, not a whole PDF, whatever the number of
 * PDFs being made. With nothing else to do, the loop turns at once and the work runs at full speed.
 */
const SLICE_MS = 5;

const waiting: (() => void)[] = [];
let scheduled = false;

function nextTurn() {
  scheduled = false;
  waiting.shift()?.();
  // An immediate queued from an immediate runs in the next turn of the loop, after its I/O.
  if (waiting.length) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setImmediate(nextTurn);
}

/** One piece of long work: `await slice.maybeYield()` between steps gives the loop back once the slice is used up. */
export class CpuSlices {
  #startedAt = performance.now();

  /** True when it yielded. Cheap when the slice is not over yet. */
  async maybeYield(): Promise<boolean> {
    if (performance.now() - this.#startedAt < SLICE_MS) return false;
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      schedule();
    });
    this.#startedAt = performance.now();
    return true;
  }
}
