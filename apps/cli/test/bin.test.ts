import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformanceCase, keyAlgorithms, keyAlgorithmsPolicy } from './fixtures.js';

// These run the bundled binaries, so they need `pnpm build` (which `pnpm test` runs first).
const appDir = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${appDir}dist/keyless.js`) && existsSync(`${appDir}dist/keyless-conformance.js`);

function run(bin: string, args: string[], env: Record<string, string> = { KEYLESS_OFFLINE: '1' }) {
  const result = spawnSync(`${appDir}bin/${bin}`, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A loopback URL nothing listens on: the port was free a moment ago. */
async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('the built binaries', () => {
  beforeAll(() => {
    if (!built) throw new Error('the CLI is not built: run `pnpm build` first (`pnpm test` does)');
  });
  it('bin/keyless verifies a real bundle offline', () => {
    const result = run('keyless', [
      'verify-blob',
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
      '--offline',
    ]);
    expect([result.code, result.stdout.split('\n')[0]]).toEqual([
      0,
      `Verified OK: ${keyAlgorithms.artifact}`,
    ]);
  });

  it('bin/keyless renders --help (yargs, loaded on demand)', () => {
    expect(run('keyless', ['--help']).stdout).toContain('Exit codes:');
  });

  it('bin/keyless-conformance exits 1 for a failing case', () => {
    const result = run('keyless-conformance', [
      'verify-bundle',
      '--bundle',
      conformanceCase('signature-mismatch_fail', 'bundle.sigstore.json'),
      '--certificate-identity',
      'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
      '--certificate-oidc-issuer',
      'https://token.actions.githubusercontent.com',
      conformanceCase('', 'a.txt'),
    ]);
    expect([result.code, result.stderr.split('\n').length]).toEqual([1, 2]);
  });

  it('bin/keyless loads the TUF client on demand and exits 4 when the repository is unreachable', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'keyless-bin-test-'));
    try {
      const env = {
        KEYLESS_OFFLINE: '',
        KEYLESS_CACHE_DIR: cacheDir,
        KEYLESS_TUF_MIRROR: await closedLoopbackUrl(),
      };
      const result = run(
        'keyless',
        ['verify-blob', keyAlgorithms.artifact, '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy],
        env,
      );
      expect([result.code, result.stderr]).toEqual([
        4,
        expect.stringMatching(/^keyless: cannot reach .*--offline.*--trusted-root.*\n$/),
      ]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
