import { OidcError } from '../errors.js';
import { describeOAuthError, type TokenEndpointResult } from '../oidc/token-endpoint.js';

/** RFC 8628 §3.5: on `slow_down` the interval grows by 5 seconds, for this and all later polls. */
export const SLOW_DOWN_SECONDS = 5;

/** How {@link pollForToken} waits and tells time; tests inject fakes to run instantly. */
export interface PollClock {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

/** Settings of {@link pollForToken}. */
export interface PollOptions {
  intervalSeconds: number;
  expiresInSeconds: number;
  clock: PollClock;
  signal?: AbortSignal;
}

/**
 * Polls the token endpoint (RFC 8628 §3.4–3.5) until the user approves: waits `interval` before
 * each request, keeps going on `authorization_pending`, adds 5 s to the interval on `slow_down`,
 * and stops with `ERR_AUTHORIZATION_EXPIRED` (`expired_token`, or the device code's lifetime
 * has passed), `ERR_AUTHORIZATION_DENIED` (`access_denied`) or `ERR_AUTHORIZATION_FAILED`
 * (anything else). Resolves to the ID token.
 */
export async function pollForToken(
  poll: () => Promise<TokenEndpointResult>,
  options: PollOptions,
): Promise<string> {
  const { clock, signal } = options;
  const deadline = clock.now() + options.expiresInSeconds * 1000;
  let interval = options.intervalSeconds;
  const expired = () =>
    new OidcError(
      'ERR_AUTHORIZATION_EXPIRED',
      'the device code expired before the sign-in was approved; try again',
    );
  for (;;) {
    await clock.sleep(interval * 1000, signal);
    if (clock.now() >= deadline) throw expired();
    const result = await poll();
    if (result.ok) return result.idToken;
    switch (result.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        interval += SLOW_DOWN_SECONDS;
        continue;
      case 'expired_token':
        throw expired();
      case 'access_denied':
        throw new OidcError('ERR_AUTHORIZATION_DENIED', 'the sign-in was denied');
      default:
        throw new OidcError(
          'ERR_AUTHORIZATION_FAILED',
          `the device flow failed: ${describeOAuthError(result)}`,
        );
    }
  }
}
