import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These run the bundled binary, so they need `pnpm build` (which `pnpm test` runs first).
const appDir = fileURLToPath(new URL('..', import.meta.url));
const keyless = `${appDir}bin/keyless`;
const built = existsSync(`${appDir}dist/keyless.js`);
const scratch = mkdtempSync(join(tmpdir(), 'keyless-dev-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bin/keyless dev', () => {
  beforeAll(() => {
    if (!built) throw new Error('the CLI is not built: run `pnpm build` first (`pnpm test` does)');
  });
  it('runs the stack until SIGINT, serves tokens meanwhile, and exits 0 after a clean shutdown', async () => {
    const dir = join(scratch, 'stack');
    const up = spawn(keyless, ['dev', 'up', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    up.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => up.on('exit', (code) => resolve(code)));
    while (!/^ready /m.test(stdout) && up.exitCode === null) await new Promise((r) => setTimeout(r, 25));
    const token = spawnSync(keyless, ['dev', 'token', '--dir', dir, '--subject', 'bin@example.com'], {
      encoding: 'utf8',
    });
    up.kill('SIGINT');
    expect({
      code: await exited,
      ready: /^ready http:\/\/127\.0\.0\.1:\d+ /m.test(stdout),
      tokenParts: token.stdout.trim().split('.').length,
      tokenCode: token.status,
    }).toEqual({ code: 0, ready: true, tokenParts: 3, tokenCode: 0 });
  }, 30_000);
});
