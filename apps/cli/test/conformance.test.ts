import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir } from '@keyless/testkit';
import { VerificationError } from '@keyless/verify';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../src/args/parse.js';
import { conformanceProgram } from '../src/conformance/program.js';
import { conformanceVerify, verifyBundleCommand } from '../src/conformance/verify-bundle.js';
import type { CliContext } from '../src/context.js';
import { runCli } from './run-cli.js';

// The defaults of the Sigstore conformance suite (its bundle-verify README).
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

/** The `verify-bundle` arguments the suite passes for one case, in the protocol's order. */
function caseArguments(name: string): string[] {
  const file = (f: string) => join(conformanceDir, name, f);
  const text = (f: string, fallback: string) =>
    existsSync(file(f)) ? readFileSync(file(f), 'utf8').trim() : fallback;
  const args = ['--bundle', file('bundle.sigstore.json')];
  if (existsSync(file('key.pub'))) args.push('--key', file('key.pub'));
  else
    args.push(
      '--certificate-identity',
      text('identity', DEFAULT_IDENTITY),
      '--certificate-oidc-issuer',
      text('issuer', DEFAULT_ISSUER),
    );
  if (existsSync(file('trusted_root.json'))) args.push('--trusted-root', file('trusted_root.json'));
  args.push(existsSync(file('artifact')) ? file('artifact') : join(conformanceDir, 'a.txt'));
  return args;
}

const context: CliContext = {
  stdout: () => {},
  stderr: () => {},
  env: { KEYLESS_OFFLINE: '1' },
  cwd: process.cwd(),
};

const cases = readdirSync(conformanceDir)
  .filter((name) => statSync(join(conformanceDir, name)).isDirectory())
  .sort();

describe('sigstore-conformance bundle-verify cases', () => {
  it('finds all 70 cases', () => {
    expect(cases).toHaveLength(70);
  });

  for (const name of cases.filter((n) => !n.endsWith('_fail'))) {
    it(`verifies ${name}`, async () => {
      const args = parseCommandArgs(verifyBundleCommand, caseArguments(name));
      await expect(conformanceVerify(args, context)).resolves.toMatchObject({ checks: expect.any(Array) });
    });
  }

  for (const name of cases.filter((n) => n.endsWith('_fail'))) {
    it(`rejects ${name} with a VerificationError`, async () => {
      const args = parseCommandArgs(verifyBundleCommand, caseArguments(name));
      const error = await conformanceVerify(args, context).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(VerificationError);
    });
  }
});

describe('keyless-conformance verify-bundle', () => {
  it('exits 0 on a happy path', async () => {
    const run = await runCli(conformanceProgram, ['verify-bundle', ...caseArguments('happy-path-v0.3')]);
    expect(run.code).toBe(0);
  });

  it('exits 1 with one line on stderr for a failing case', async () => {
    const run = await runCli(conformanceProgram, [
      'verify-bundle',
      ...caseArguments('signature-mismatch_fail'),
    ]);
    expect({ code: run.code, lines: run.stderr.trimEnd().split('\n').length }).toEqual({ code: 1, lines: 1 });
  });

  it('accepts the --staging flag before --bundle', async () => {
    const run = await runCli(conformanceProgram, [
      'verify-bundle',
      '--staging',
      ...caseArguments('rekor2-happy-path'),
    ]);
    expect(run.code).toBe(0);
  });

  it('answers sign-bundle for a missing FILE with an input error (exit 3), before any network', async () => {
    const run = await runCli(conformanceProgram, [
      'sign-bundle',
      '--identity-token',
      'eyJ...',
      '--bundle',
      '/tmp/out.sigstore.json',
      'a.txt',
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 3,
      stderr: `keyless-conformance: artifact ${join(process.cwd(), 'a.txt')} does not exist\n`,
    });
  });
});
