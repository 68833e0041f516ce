import { execFile } from 'node:child_process';
import { OciError } from '../errors.js';
import type { RegistryCredential } from './credentials.js';

/** Runs a `docker-credential-<name>` executable; replaceable in tests. */
export type HelperRunner = (program: string, args: string[], input: string) => Promise<{ stdout: string }>;

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HELPER_TIMEOUT_MS = 30_000;

/** Runs the helper without a shell, writing `input` to its stdin. */
export const execFileRunner: HelperRunner = (program, args, input) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      program,
      args,
      { timeout: HELPER_TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stdout: String(stdout), stderr: String(stderr) }));
        else resolve({ stdout: String(stdout) });
      },
    );
    child.stdin?.end(input);
  });

/** Helpers answer "not found" in several wordings; all of them mean "no credentials here". */
function isNotFound(error: unknown): boolean {
  const text = `${(error as { stdout?: string }).stdout ?? ''} ${(error as { stderr?: string }).stderr ?? ''}`;
  return /credentials not found|not found in native keychain|no credentials/i.test(text);
}

/**
 * Asks a Docker credential helper (`docker-credential-<name> get`, the server URL on stdin) for
 * the credentials of `serverUrl`. Resolves to `undefined` when the helper has none; throws
 * `ERR_CREDENTIALS` when it cannot be run or answers something unreadable. The helper is run with
 * `execFile`, never through a shell, and its name is checked so that a config file cannot smuggle
 * a path or arguments in.
 *
 * @example
 * ```ts
 * const credential = await credentialFromHelper('osxkeychain', 'ghcr.io');
 * ```
 */
export async function credentialFromHelper(
  helper: string,
  serverUrl: string,
  run: HelperRunner = execFileRunner,
): Promise<RegistryCredential | undefined> {
  if (!HELPER_NAME.test(helper)) {
    throw new OciError('ERR_CREDENTIALS', `credential helper name "${helper}" is not a plain program name`);
  }
  const program = `docker-credential-${helper}`;
  let stdout: string;
  try {
    ({ stdout } = await run(program, ['get'], serverUrl));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'it is not installed' : 'it failed';
    throw new OciError('ERR_CREDENTIALS', `credential helper ${program} for ${serverUrl}: ${reason}`, {
      cause: error,
    });
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch (cause) {
    throw new OciError('ERR_CREDENTIALS', `credential helper ${program} did not answer JSON`, { cause });
  }
  if (typeof answer.Secret !== 'string' || answer.Secret === '') return undefined;
  // Docker's convention: the user name "<token>" marks the secret as an identity (refresh) token.
  if (answer.Username === '<token>') return { identityToken: answer.Secret };
  return { username: typeof answer.Username === 'string' ? answer.Username : '', password: answer.Secret };
}
