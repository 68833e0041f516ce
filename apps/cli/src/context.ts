/**
 * Everything a command touches outside its arguments, so that tests can run commands in-process
 * and read what they printed.
 */
export interface CliContext {
  /** Writes text to standard output (the caller adds newlines). */
  stdout(text: string): void;
  /** Writes text to standard error (the caller adds newlines). */
  stderr(text: string): void;
  /** The environment (`KEYLESS_OFFLINE`, `KEYLESS_CACHE_DIR`, ...). */
  env: Record<string, string | undefined>;
  /** The directory relative paths resolve against. */
  cwd: string;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}
