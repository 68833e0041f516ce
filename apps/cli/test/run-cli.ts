import type { ProgramSpec } from '../src/args/spec.js';
import type { CliContext } from '../src/context.js';
import { runProgram } from '../src/program/run-program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Default `{ KEYLESS_OFFLINE: '1' }`, so that no test reaches for the network by accident. */
  env?: Record<string, string | undefined>;
  /** Default: the process's working directory. */
  cwd?: string;
}

/** Runs a program in-process, as its binary would, and captures what it prints. */
export async function runCli(
  program: ProgramSpec,
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? { KEYLESS_OFFLINE: '1' },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await runProgram(program, argv, context);
  return { code, stdout, stderr };
}
