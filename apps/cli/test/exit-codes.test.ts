import { CoreError } from '@keyless/core';
import { TrustError } from '@keyless/trust';
import { VerificationError } from '@keyless/verify';
import { describe, expect, it } from 'vitest';
import type { ProgramSpec } from '../src/args/spec.js';
import { CliError } from '../src/errors.js';
import { exitCodeFor } from '../src/exit-codes.js';
import { runCli } from './run-cli.js';

describe('exitCodeFor', () => {
  it.each([
    ['a VerificationError', new VerificationError('ERR_SIGNATURE', 'x'), 1],
    ['a VerificationError about the trusted root', new VerificationError('ERR_TRUSTED_ROOT_INVALID', 'x'), 1],
    ['a usage error', new CliError('ERR_USAGE', 'x'), 2],
    ['an unsupported command', new CliError('ERR_NOT_SUPPORTED', 'x'), 2],
    ['a missing input file', new CliError('ERR_INPUT_NOT_FOUND', 'x'), 3],
    ['a too large input', new CliError('ERR_INPUT_TOO_LARGE', 'x'), 3],
    ['a TrustError', new TrustError('ERR_TUF_UNREACHABLE', 'x'), 4],
    ['a failed HTTP request', new CoreError('ERR_HTTP', 'x'), 4],
    ['a CoreError nothing explains', new CoreError('ERR_ASN1_PARSE', 'x'), 70],
    ['a TypeError', new TypeError('x'), 70],
    ['a thrown string', 'x', 70],
  ])('maps %s to %i', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});

describe('an unexpected error', () => {
  const crashing: ProgramSpec = {
    name: 'keyless',
    version: '0.0.0',
    summary: '',
    commands: [
      {
        name: 'crash',
        summary: '',
        positionals: [],
        options: {},
        examples: [],
        run: async () => {
          throw new TypeError('undefined is not a function');
        },
      },
    ],
  };

  it('exits 70 with one line that says how to learn more', async () => {
    const run = await runCli(crashing, ['crash']);
    expect([run.code, run.stderr]).toEqual([
      70,
      'keyless: internal error: undefined is not a function (TypeError; run with --verbose for the stack trace)\n',
    ]);
  });

  it('prints the stack trace with --verbose', async () => {
    const run = await runCli(crashing, ['crash', '--verbose']);
    expect(run.stderr).toMatch(/^keyless: internal error: .*\nTypeError: undefined is not a function\n +at /);
  });
});
