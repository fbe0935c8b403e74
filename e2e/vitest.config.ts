import { defineConfig } from 'vitest/config';

// End-to-end: the demo BFF as a user starts it, a real Chromium, real HTTP.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
