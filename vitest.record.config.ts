import { defineConfig } from 'vitest/config';

// Fixture recorders: they drive real servers and rewrite files under fixtures/, so they are not
// part of the test suite. `pnpm fixtures:record` runs them.
export default defineConfig({
  resolve: { conditions: ['@keyless/source'] },
  ssr: { resolve: { conditions: ['@keyless/source'] } },
  test: {
    include: ['packages/*/test/**/*.record.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 120_000,
  },
});
