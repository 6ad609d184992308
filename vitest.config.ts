import { defineConfig } from 'vitest/config';

// Test layers: unit = pure logic; contract = one suite per interface run against every
// implementation; cli = the real CLI spawned on fixtures; e2e = real Chromium, real SFU, real namespaces.
// Browser layers run one file at a time: this machine has 2 cores and a saturated runner measures wrong.

// browser layers: after each file, what its process still owns (a lab it started, namespaces) is removed
const CLEAN_UP = 'test/helpers/clean-up-each-file.ts';

export default defineConfig({
  test: {
    reporters: ['default'],
    // one file at a time: browser tests measure, and two of them at once on 2 cores would saturate the runner
    fileParallelism: false,
    globalSetup: ['test/helpers/global-setup.ts'],
    // the lab is one per machine: a run spawned by a test waits for another checkout's or engineer's lab
    // to go instead of failing with "a lab is already running" (in CI there is none)
    env: { MEETBENCH_LAB_WAIT_S: '900' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, setupFiles: [CLEAN_UP] },
      },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 60_000 } },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 180_000, setupFiles: [CLEAN_UP] },
      },
      // the fault catalogue and the fuzzers (npm run test:faults prints their table)
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          setupFiles: [CLEAN_UP],
        },
      },
    ],
  },
});
