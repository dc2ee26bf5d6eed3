import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temp root per run (TMPDIR), removed at the end: synth and scratch folders do not pile up in /tmp.
    globalSetup: ['test/setup/tempRoot.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration files each start their own simulator on ephemeral ports; two workers match the 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
