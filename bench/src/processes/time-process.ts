import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@keyless/testkit';

/** The built CLI, or why it cannot be run. */
export function builtCli(): { bin: string } | { skipped: string } {
  const bin = join(repoRoot, 'apps/cli/bin/keyless');
  if (!existsSync(bin)) return { skipped: 'apps/cli/bin/keyless does not exist' };
  if (!existsSync(join(repoRoot, 'apps/cli/dist'))) return { skipped: 'apps/cli/dist is not built' };
  return { bin };
}

/**
 * Runs a command to its end and resolves to its wall time in milliseconds; rejects with the tail
 * of its output when it fails. Asynchronous, so that servers in this process keep answering it.
 */
export function timeProcess(
  command: string,
  args: readonly string[],
  what: string,
  env?: NodeJS.ProcessEnv,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(new Error(`${what} could not start: ${error.message}`)));
    child.on('close', (code) => {
      const elapsed = performance.now() - start;
      if (code === 0) return resolve(elapsed);
      const tail = output.trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`${what} exited with ${code}: ${tail}`));
    });
  });
}

/** Runs a command once untimed (files into the page cache), then `runs` times; the wall times in ms. */
export async function timeRuns(
  command: string,
  args: readonly string[] | ((run: number) => readonly string[]),
  runs: number,
  what: string,
  env?: NodeJS.ProcessEnv,
): Promise<number[]> {
  const argsFor = typeof args === 'function' ? args : () => args;
  await timeProcess(command, argsFor(0), what, env);
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) times.push(await timeProcess(command, argsFor(run), what, env));
  return times;
}

/** Runs a command to its end and resolves to what it printed on stdout; rejects when it fails. */
export function captureStdout(
  command: string,
  args: readonly string[],
  what: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', (error) => reject(new Error(`${what} could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve(Buffer.concat(stdout).toString('utf8'));
      reject(new Error(`${what} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
