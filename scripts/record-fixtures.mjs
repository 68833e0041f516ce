#!/usr/bin/env node
// Records the HTTP exchanges of Keyless's clients with a local dev stack into fixtures/dev-stack/,
// for the unit tests that replay them offline with msw. Starts a stack in a temporary folder, runs
// the client flows (OIDC discovery and a development token, a Fulcio certificate, Rekor v1 upload,
// lookup and duplicate, a Rekor v2 upload, an RFC 3161 timestamp) and writes what went over the
// wire, plus the stack's trusted_root.json. The temporary folder, keys included, is deleted after.
// Usage: pnpm fixtures:record
//
// The flows are TypeScript shared with the replay tests, so they run through Vite's module runner
// (from vitest, which resolves the workspace packages to their sources as the tests do).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createViteServer } from 'vitest/node';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'fixtures/dev-stack');

const vite = await createViteServer({
  configFile: false,
  root: repoRoot,
  logLevel: 'warn',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  resolve: { conditions: ['@keyless/source'] },
  ssr: { resolve: { conditions: ['@keyless/source'] } },
});
let code = 0;
try {
  const { recordDevStackFixtures } = await vite.environments.ssr.runner.import(
    join(repoRoot, 'packages/dev-stack/test/flows/record.ts'),
  );
  const written = await recordDevStackFixtures(outDir);
  for (const file of written) console.log(`fixtures: wrote ${file.slice(repoRoot.length + 1)}`);
} catch (error) {
  console.error(
    `fixtures: recording failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
  );
  code = 1;
} finally {
  await vite.close();
}
process.exit(code);
