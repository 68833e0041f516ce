import { execFile } from 'node:child_process';
import { OidcError } from '../errors.js';
import { safeLine } from '../token/redact.js';

/** Options of {@link runTokenCommand}. */
export interface RunTokenCommandOptions {
  /** Provider name, for messages. */
  source: string;
  /** Kill the command after this long. Default 30 000 ms. */
  timeoutMs?: number;
  /** Environment of the command; its `PATH` is where the command is looked up. */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * Runs a CI tool that prints a token (`circleci run oidc get`, `buildkite-agent oidc
 * request-token`) and resolves to its standard output. `execFile`, never a shell: arguments
 * reach the tool as given. Failures are `OidcError`s naming the command: not installed is
 * `ERR_PROVIDER_UNAVAILABLE`; a non-zero exit (with the first line of its stderr, tokens
 * redacted) or a timeout is `ERR_PROVIDER_FAILED`.
 */
export function runTokenCommand(
  file: string,
  args: string[],
  options: RunTokenCommandOptions,
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const firstOption = args.findIndex((arg) => arg.startsWith('-'));
  const command = [file, ...args.slice(0, firstOption < 0 ? args.length : firstOption)].join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 1024 * 1024,
        windowsHide: true,
        encoding: 'utf8',
        ...(options.env && { env: options.env }),
        ...(options.signal && { signal: options.signal }),
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (options.signal?.aborted) return reject(options.signal.reason);
        const code = (err as { code?: unknown }).code;
        if (code === 'ENOENT') {
          return reject(
            new OidcError(
              'ERR_PROVIDER_UNAVAILABLE',
              `${options.source}: the command ${file} is not on PATH`,
              {
                cause: err,
              },
            ),
          );
        }
        if ((err as { killed?: boolean }).killed) {
          return reject(
            new OidcError(
              'ERR_PROVIDER_FAILED',
              `${options.source}: ${command} timed out after ${timeoutMs} ms`,
            ),
          );
        }
        const said = safeLine(stderr.split(/\r?\n/).find((line) => line.trim() !== '') ?? '');
        const status = typeof code === 'number' ? `exited with status ${code}` : `failed (${String(code)})`;
        reject(
          new OidcError(
            'ERR_PROVIDER_FAILED',
            `${options.source}: ${command} ${status}${said ? `: ${said}` : ''}`,
          ),
        );
      },
    );
  });
}
