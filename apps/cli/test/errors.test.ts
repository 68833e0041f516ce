import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keylessProgram } from '../src/program/keyless.js';
import { keyAlgorithms, keyAlgorithmsPolicy } from './fixtures.js';
import { runCli } from './run-cli.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'keyless-cli-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const verifyBlob = (argv: string[], env?: Record<string, string | undefined>) =>
  runCli(keylessProgram, ['verify-blob', ...argv], env ? { env } : {});

/** Exit code and stderr, the two things a failing run is judged by. */
const outcome = (run: { code: number; stderr: string }) => ({ code: run.code, stderr: run.stderr });

describe('exit codes and error lines', () => {
  it('exits 3 with one line when the bundle file does not exist', async () => {
    const missing = join(scratch, 'missing.sigstore.json');
    const run = await verifyBlob([keyAlgorithms.artifact, '--bundle', missing, ...keyAlgorithmsPolicy]);
    expect(outcome(run)).toEqual({ code: 3, stderr: `keyless: bundle ${missing} does not exist\n` });
  });

  it('exits 3 when the artifact file does not exist', async () => {
    const missing = join(scratch, 'nope.txt');
    const run = await verifyBlob([missing, '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy]);
    expect(outcome(run)).toEqual({ code: 3, stderr: `keyless: artifact ${missing} does not exist\n` });
  });

  it('exits 3 when the artifact is a directory', async () => {
    const run = await verifyBlob([scratch, '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy]);
    expect(outcome(run)).toEqual({
      code: 3,
      stderr: `keyless: artifact ${scratch} is a directory, not a file\n`,
    });
  });

  it('exits 3 when the --key file does not exist', async () => {
    const missing = join(scratch, 'k.pub');
    const run = await verifyBlob([
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      '--key',
      missing,
    ]);
    expect(outcome(run)).toEqual({ code: 3, stderr: `keyless: public key ${missing} does not exist\n` });
  });

  it('exits 1 with an ERR_BUNDLE_INVALID line for a bundle that is not JSON', async () => {
    const bundle = join(scratch, 'broken.sigstore.json');
    writeFileSync(bundle, '{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",');
    const run = await verifyBlob([keyAlgorithms.artifact, '--bundle', bundle, ...keyAlgorithmsPolicy]);
    expect(outcome(run)).toEqual({
      code: 1,
      stderr: expect.stringMatching(
        /^keyless: verification failed: bundle .*broken\.sigstore\.json is not valid JSON: .*\(ERR_BUNDLE_INVALID\)\n$/,
      ),
    });
  });

  it('exits 1 with ERR_BUNDLE_INVALID for JSON that is not a bundle', async () => {
    const bundle = join(scratch, 'not-a-bundle.json');
    writeFileSync(bundle, '{"hello": "world"}');
    const run = await verifyBlob([keyAlgorithms.artifact, '--bundle', bundle, ...keyAlgorithmsPolicy]);
    expect(outcome(run)).toEqual({
      code: 1,
      stderr: expect.stringMatching(/^keyless: verification failed: .*\(ERR_BUNDLE_INVALID\)\n$/),
    });
  });

  it('exits 2 with a pointer to --help for a usage error', async () => {
    const run = await verifyBlob([keyAlgorithms.artifact, '--bundle', keyAlgorithms.bundle()]);
    expect(outcome(run)).toEqual({
      code: 2,
      stderr:
        'keyless: missing --certificate-identity (or --certificate-identity-regexp); or verify a key-signed bundle with --key (see "keyless verify-blob --help")\n',
    });
  });

  it('exits 2 for an unknown command', async () => {
    const run = await runCli(keylessProgram, ['verify-image']);
    expect(outcome(run)).toEqual({
      code: 2,
      stderr: 'keyless: unknown command "verify-image" (run "keyless --help" for the list of commands)\n',
    });
  });

  it('exits 2 for --tuf-root without --staging', async () => {
    const run = await verifyBlob([
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
      '--tuf-root',
      'r.json',
    ]);
    expect(run.code).toBe(2);
  });

  it('exits 4 when the --trusted-root file does not exist', async () => {
    const missing = join(scratch, 'trusted_root.json');
    const run = await verifyBlob([
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
      '--trusted-root',
      missing,
    ]);
    expect(outcome(run)).toEqual({
      code: 4,
      stderr: expect.stringMatching(/^keyless: trusted root file .* does not exist.*\n$/),
    });
  });

  it('exits 4 when --staging has no root to start from', async () => {
    const run = await verifyBlob([
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
      '--staging',
    ]);
    expect(outcome(run)).toEqual({
      code: 4,
      stderr: expect.stringMatching(/^keyless: staging needs --tuf-root FILE.*\n$/),
    });
  });

  it('prints the stack trace with --verbose', async () => {
    const missing = join(scratch, 'missing.sigstore.json');
    const run = await verifyBlob([
      keyAlgorithms.artifact,
      '--bundle',
      missing,
      ...keyAlgorithmsPolicy,
      '--verbose',
    ]);
    expect(run.stderr).toMatch(/^keyless: bundle .* does not exist\nCliError: .*\n +at /);
  });

  it('prints no stack trace without --verbose', async () => {
    const run = await verifyBlob([
      join(scratch, 'x'),
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
    ]);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });
});

describe('an unreachable TUF repository', () => {
  it('exits 4 with a message naming --offline and --trusted-root', async () => {
    mswServer.use(http.all('https://tuf-repo-cdn.sigstore.dev/*', () => HttpResponse.error()));
    const env = { KEYLESS_CACHE_DIR: join(scratch, 'cache') };
    const run = await verifyBlob(
      [keyAlgorithms.artifact, '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy],
      env,
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^keyless: [^\n]*--offline[^\n]*--trusted-root[^\n]*\n$/);
  });

  it('is not contacted with KEYLESS_OFFLINE=1', async () => {
    mswServer.use(http.all('https://tuf-repo-cdn.sigstore.dev/*', () => HttpResponse.error()));
    const env = { KEYLESS_OFFLINE: '1', KEYLESS_CACHE_DIR: join(scratch, 'cache') };
    const run = await verifyBlob(
      [keyAlgorithms.artifact, '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy],
      env,
    );
    expect(run.code).toBe(0);
  });
});
