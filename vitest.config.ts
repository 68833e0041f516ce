import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Resolve workspace packages to their TypeScript sources so tests need no build (vitest 4 runs
  // test files in the SSR environment, which takes its own resolve conditions).
  resolve: { conditions: ['@keyless/source'] },
  ssr: { resolve: { conditions: ['@keyless/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'threads',
    testTimeout: 20_000,
    // A test that asserts nothing cannot fail: refuse it.
    expect: { requireAssertions: true },
  },
});
