import { executeServerCommand } from './test-session.js';

// Taken before `install()` fakes the timers: the wait for a jump must not be part of it.
const realSetTimeout = window.setTimeout.bind(window);

/**
 * The page's clock, for tests of what happens after minutes (the idle timeout): `install()` once
 * before the timers of interest are set, then `fastForward(ms)`. See web-test-runner.browser.mjs.
 */
export const clock = {
  install: () => executeServerCommand('care-clock', { install: true }),
  async fastForward(ms: number) {
    const target = Date.now() + ms;
    await executeServerCommand('care-clock', { fastForward: ms });
    for (let waited = 0; Date.now() < target && waited < 10_000; waited += 20) await new Promise((resolve) => realSetTimeout(resolve, 20));
    if (Date.now() < target) throw new Error(`The clock did not move ${ms} ms ahead`);
  },
};
