import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { conformanceProgram } from '../src/conformance/program.js';
import { keylessProgram } from '../src/program/keyless.js';
import { runCli } from './run-cli.js';

describe('keyless --help', () => {
  it('lists the commands and the exit codes', async () => {
    const run = await runCli(keylessProgram, ['--help']);
    expect([run.code, run.stdout]).toEqual([
      0,
      expect.stringMatching(/verify-blob <input>[\s\S]*Exit codes:[\s\S]*70 +internal error/),
    ]);
  });

  it('shows a command help with its flags and examples', async () => {
    const run = await runCli(keylessProgram, ['verify-blob', '--help']);
    expect(run.stdout).toMatch(
      /--certificate-identity-regexp[\s\S]*--offline[\s\S]*Examples:\n {2}\S.*:\n {4}keyless verify-blob /,
    );
  });

  it('answers help verify-blob like verify-blob --help', async () => {
    const [a, b] = await Promise.all([
      runCli(keylessProgram, ['help', 'verify-blob']),
      runCli(keylessProgram, ['verify-blob', '--help']),
    ]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('shows help on stderr and exits 2 without a command', async () => {
    const run = await runCli(keylessProgram, []);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', expect.stringContaining('Commands:')]);
  });

  it('prints the version', async () => {
    const run = await runCli(keylessProgram, ['--version']);
    expect(run.stdout).toBe(`${packageJson.version}\n`);
  });
});

describe('keyless-conformance --help', () => {
  it('lists verify-bundle and sign-bundle', async () => {
    const run = await runCli(conformanceProgram, ['--help']);
    expect(run.stdout).toMatch(/verify-bundle <file-or-digest>[\s\S]*sign-bundle <file>/);
  });
});
