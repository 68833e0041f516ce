import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStackState } from '@keyless/dev-stack';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevUp } from '../src/commands/dev-up.js';
import type { CliContext } from '../src/context.js';
import { keylessProgram } from '../src/program/keyless.js';
import { runCli } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'keyless-cli-dev-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function capture(): CliContext & { out: string; err: string } {
  const context = {
    out: '',
    err: '',
    stdout: (text: string) => {
      context.out += text;
    },
    stderr: (text: string) => {
      context.err += text;
    },
    env: {},
    cwd: scratch,
  };
  return context;
}

describe('keyless dev --help', () => {
  it('lists dev among the commands', async () => {
    expect((await runCli(keylessProgram, ['--help'])).stdout).toMatch(
      /keyless dev <command> +Run a local Sigstore stack/,
    );
  });

  it('lists up and token under dev', async () => {
    expect((await runCli(keylessProgram, ['dev', '--help'])).stdout).toMatch(
      /keyless dev up[\s\S]*keyless dev token/,
    );
  });

  it('says where the stack lives by default', async () => {
    expect((await runCli(keylessProgram, ['dev', 'up', '--help'])).stdout).toMatch(
      /default: .keyless-dev in the current/,
    );
  });

  it('prints the dev help on stderr and exits 2 without a subcommand', async () => {
    const run = await runCli(keylessProgram, ['dev']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', expect.stringContaining('keyless dev token')]);
  });

  it('refuses an unknown subcommand', async () => {
    const run = await runCli(keylessProgram, ['dev', 'down']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('unknown command "down"')]);
  });
});

describe('keyless dev up', () => {
  it('refuses a non-loopback host without --allow-remote, and says why', async () => {
    const run = await runCli(keylessProgram, ['dev', 'up', '--dir', scratch, '--host', '0.0.0.0']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/token for any email.*--allow-remote/)]);
  });

  it('refuses a port that is not a number', async () => {
    const run = await runCli(keylessProgram, ['dev', 'up', '--dir', scratch, '--port', 'eighty']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('--port must be a number')]);
  });

  it('prints the URLs and the files, then ready; serves tokens until stopped; exits 0', async () => {
    const dir = join(scratch, 'up');
    const context = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runDevUp({ dir, host: '127.0.0.1', allowRemote: false }, context, stopped);
    while (!context.out.includes('\nready ')) await new Promise((r) => setTimeout(r, 20));
    const token = await runCli(keylessProgram, [
      'dev',
      'token',
      '--dir',
      dir,
      '--subject',
      'cli@example.com',
    ]);
    stop();
    const state = await readStackState(dir);
    expect({
      code: await running,
      lines: context.out
        .trimEnd()
        .split('\n')
        .map((line) => line.trim().split(/\s{2,}/)[0]),
      token: JSON.parse(Buffer.from(token.stdout.split('.')[1]!, 'base64url').toString('utf8')).email,
      tokenStderr: token.stderr,
      pidAfterStop: (await readStackState(dir))?.pid,
    }).toEqual({
      code: 0,
      lines: [
        expect.stringContaining('Keyless development stack'),
        'oidc issuer',
        'fulcio',
        'rekor v1',
        'rekor v2',
        'tsa',
        'trusted root',
        'signing config',
        'token',
        `ready ${state?.url} (Ctrl-C to stop)`,
      ],
      token: 'cli@example.com',
      tokenStderr: '',
      pidAfterStop: undefined,
    });
  }, 30_000);
});

describe('keyless dev token', () => {
  it('needs --subject unless --ci', async () => {
    const run = await runCli(keylessProgram, ['dev', 'token', '--dir', scratch]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('--subject EMAIL is required')]);
  });

  it('exits 3 naming "keyless dev up" when no stack runs for the folder', async () => {
    const run = await runCli(keylessProgram, [
      'dev',
      'token',
      '--dir',
      join(scratch, 'none'),
      '--subject',
      'a@b.c',
    ]);
    expect([run.code, run.stdout, run.stderr]).toEqual([3, '', expect.stringContaining('keyless dev up')]);
  });
});
