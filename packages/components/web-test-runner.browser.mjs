import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * Commands of the component tests that reach the browser itself through Playwright (see
 * src/shared/testing/clock.ts and downloads.ts):
 *
 * - `care-clock`: the page's clock (`page.clock`), so a test of the 30-minute idle timeout runs in
 *   seconds. `install` fakes Date and the timers from then on (time still flows); `fastForward`
 *   jumps ahead, firing the timers due on the way, as a page left alone for that long would. The
 *   jump starts just after the answer: the page's wait for the answer is itself a timer, which a
 *   jump of minutes would fire as a timeout.
 * - `care-download`: waits for the page's next download and tells its file name and first bytes,
 *   as the browser saved it; with `unzip`, a ZIP is checked and opened with `unzip` and its entry
 *   names and the JSON of `unzip.json` (an entry) come back too.
 * - `care-viewport`: the page's viewport size, e.g. 320 px wide for the narrow-screen checks.
 */
export function browserCommands() {
  return {
    name: 'care-widgets:browser',
    async executeCommand({ command, payload, session }) {
      if (command !== 'care-clock' && command !== 'care-download' && command !== 'care-viewport') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'care-viewport') {
        await page.setViewportSize({ width: payload.width, height: payload.height ?? 720 });
        return true;
      }
      if (command === 'care-download') {
        const download = await page.waitForEvent('download', { timeout: payload.timeout ?? 8000 });
        const path = await download.path();
        const bytes = await readFile(path);
        const saved = { fileName: download.suggestedFilename(), size: bytes.length, head: bytes.subarray(0, 16).toString('latin1') };
        if (!payload.unzip) return saved;
        execFileSync('unzip', ['-tq', path]);
        const entries = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).trim().split('\n');
        const json = payload.unzip.json
          ? JSON.parse(execFileSync('unzip', ['-p', path, payload.unzip.json], { encoding: 'utf8' }))
          : undefined;
        return { ...saved, entries, json };
      }
      if (payload.install) await page.clock.install();
      if (payload.fastForward) {
        setTimeout(() => page.clock.fastForward(payload.fastForward).catch((error) => console.error('care-clock:', error)), 50);
      }
      return true;
    },
  };
}
