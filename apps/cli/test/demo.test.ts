import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// `pnpm demo` end to end: the script drives the bundled binary and the built packages, so this
// needs `pnpm build` (which `pnpm test` runs first).
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const built = [
  'apps/cli/dist/keyless.js',
  'packages/dev-stack/dist/index.js',
  'packages/oci/dist/index.js',
].every((file) => existsSync(join(repoRoot, file)));

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/demo.mjs as `pnpm demo` does after building, without the public test vectors. */
function runDemo(): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KEYLESS_REALDATA: join(repoRoot, 'no-such-realdata') };
    delete env.SIGSTORE_ID_TOKEN;
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/demo.mjs')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The lines of `text` from the one starting with `start` up to the next section heading. */
function section(text: string, start: string): string {
  const from = text.indexOf(start);
  if (from < 0) return '';
  const end = text.indexOf('\n== ', from + start.length);
  return text.slice(from, end < 0 ? undefined : end);
}

describe('pnpm demo (scripts/demo.mjs)', () => {
  beforeAll(() => {
    if (!built) throw new Error('the CLI is not built: run `pnpm build` first (`pnpm test` does)');
  });
  let run: DemoRun;
  beforeAll(async () => {
    run = await runDemo();
  }, 120_000);

  it('exits 0 with nothing on its own stderr', () => {
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it('signs the sample image as the dev identity', () => {
    const signing = section(run.stdout, '== 3. Sign it keylessly');
    expect(signing).toContain('  $ keyless sign oci:image@sha256:');
    expect(signing).toContain('    Format:    cosign (.sig tag)');
    expect(signing).toContain('    Identity:  demo@example.com');
    expect(signing).toContain('  exit code: 0');
  });

  it('verifies the signature and prints the checks, the subject and the issuer', () => {
    const verifying = section(run.stdout, '== 5. Verify it');
    expect(verifying).toContain('The following checks were performed on each of these signatures:');
    expect(verifying).toContain('- Existence of the claims in the transparency log was verified offline');
    expect(verifying).toContain('Certificate subject: demo@example.com');
    expect(verifying).toMatch(/Certificate issuer URL: http:\/\/127\.0\.0\.1:\d+\/oidc/);
    expect(verifying).toContain('  exit code: 0');
  });

  it('prints the verified payload, which names the signed manifest digest', () => {
    const digest = /manifest {7}(sha256:[0-9a-f]{64})/.exec(run.stdout)?.[1];
    const payloadLine = section(run.stdout, '== 5. Verify it')
      .split('\n')
      .find((line) => line.trim().startsWith('[{"critical"'));
    const payload = JSON.parse(payloadLine ?? '[]') as Array<{
      critical: { image: { 'docker-manifest-digest': string }; type: string };
      optional: Record<string, string>;
    }>;
    expect(payload).toHaveLength(1);
    expect(payload[0]?.critical).toMatchObject({
      image: { 'docker-manifest-digest': digest },
      type: 'cosign container image signature',
    });
    expect(payload[0]?.optional).toEqual({ env: 'demo' });
  });

  it('rejects another identity with exit code 1 and one error line', () => {
    const rejected = section(run.stdout, '== 6. Verify it for another identity');
    const errorLines = rejected.split('\n').filter((line) => line.trim().startsWith('keyless:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(
      'certificate identity "demo@example.com" does not match the expected "mallory@example.com" (ERR_NO_MATCHING_SIGNATURE)',
    );
    expect(rejected).toContain('  exit code: 1');
  });

  it('skips the public-good part, saying why, when the test vectors are missing', () => {
    expect(section(run.stdout, '== 7.')).toContain('Skipped: the public Sigstore test vectors are not at');
  });

  it('never prints the identity token', () => {
    expect(run.stdout).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('removes its folder when it is done', () => {
    const folder = /Commands run in (\S+);/.exec(run.stdout)?.[1];
    expect(folder).toBeDefined();
    expect(existsSync(folder as string)).toBe(false);
  });
});
