import { KeylessError } from '@keyless/core';

/** Stable codes of {@link DevStackError}; callers `switch` on these, never on messages. */
export type DevStackErrorCode =
  /** An option of `startDevStack` is invalid (a port out of range, an empty directory name). */
  | 'ERR_DEV_STACK_OPTIONS'
  /** The stack's directory holds a file this version cannot read (stack.json, keys, the dev secret). */
  | 'ERR_DEV_STACK_STATE'
  /** The stack could not listen on the requested host and port (in use, not permitted). */
  | 'ERR_DEV_STACK_LISTEN'
  /** No stack is running for the directory (nothing answers at the recorded URL). */
  | 'ERR_DEV_STACK_NOT_RUNNING'
  /** The running stack refused to mint a development token (wrong secret, bad request). */
  | 'ERR_DEV_TOKEN_REFUSED';

/**
 * The one error class of `@keyless/dev-stack`.
 *
 * @example
 * ```ts
 * try { await requestDevToken({ dir: '.keyless-dev', email: 'me@example.com' }); }
 * catch (err) { if (err instanceof DevStackError && err.code === 'ERR_DEV_STACK_NOT_RUNNING') ... }
 * ```
 */
export class DevStackError extends KeylessError<DevStackErrorCode> {}
