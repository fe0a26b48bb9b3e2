import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is waiting (child processes, sockets, timers), not computing: on 2 cores, three
    // files at a time take about 5½ minutes where one at a time took 8½.
    maxWorkers: 3,
    reporters: ['default'],
  },
});
