/**
 * The `care-clock` server command of the component tests (see src/shared/testing/clock.ts): the
 * page's clock through Playwright's `page.clock`, so a test of the 30-minute idle timeout runs in
 * seconds. `install` fakes Date and the timers from then on (time still flows); `fastForward`
 * jumps ahead, firing the timers due on the way, as a page left alone for that long would.
 *
 * The jump starts just after the answer: the page's wait for the answer is itself a timer, which
 * a jump of minutes would fire as a timeout.
 */
export function clockCommands() {
  return {
    name: 'care-widgets:clock',
    async executeCommand({ command, payload, session }) {
      if (command !== 'care-clock') return undefined;
      const page = session.browser.getPage(session.id);
      if (payload.install) await page.clock.install();
      if (payload.fastForward) {
        setTimeout(() => page.clock.fastForward(payload.fastForward).catch((error) => console.error('care-clock:', error)), 50);
      }
      return true;
    },
  };
}
