import { defineConfig } from 'vitest/config';

// Few workers: PGlite costs ~0.9 GB and ~4 s per instance (TECH-NOTES), and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
