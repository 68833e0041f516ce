import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conformanceCase, keyAlgorithms, keyAlgorithmsPolicy } from './fixtures.js';

// These run the bundled binaries, so they need `pnpm build` (which `pnpm test` runs first).
const appDir = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${appDir}dist/keyless.js`) && existsSync(`${appDir}dist/keyless-conformance.js`);

function run(bin: string, args: string[]) {
  const result = spawnSync(`${appDir}bin/${bin}`, args, {
    encoding: 'utf8',
    env: { ...process.env, KEYLESS_OFFLINE: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)('the built binaries', () => {
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
});
