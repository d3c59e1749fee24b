import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'simulator/**/*.test.ts', 'testing/**/*.test.ts', 'renderer/**/*.test.ts', 'preload/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['main/electron/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here: keep the pool small so integration tests against the simulator are not starved.
    maxWorkers: 2,
  },
});
