import { OidcError } from '../errors.js';
import { audiencesOf, decodeTokenClaims } from './claims.js';
import { expectJwt } from './jwt-shape.js';

/** What {@link acceptToken} holds a token to. */
export interface AcceptTokenOptions {
  /** The `aud` the token must carry. */
  audience: string;
  /** Clock of the check. Default: now. */
  now?: Date;
  /** Said after the audience error, e.g. which setting fixes it. */
  audienceHint?: string;
}

/**
 * The last check every non-interactive provider makes before handing a token over: it is a JWT,
 * it is meant for `audience`, and it has not expired. The CA checks all of this again with the
 * signature; failing here gives a clearer message, naming the `source`. Nothing is verified
 * cryptographically, since the issuer's keys are the CA's business.
 */
export function acceptToken(value: unknown, source: string, options: AcceptTokenOptions): string {
  const token = expectJwt(value, source);
  const claims = decodeTokenClaims(token);
  const audiences = audiencesOf(claims);
  if (!audiences.includes(options.audience)) {
    const got =
      audiences.length === 0 ? 'no audience' : `audience ${audiences.map((a) => `"${a}"`).join(', ')}`;
    const hint = options.audienceHint ? `; ${options.audienceHint}` : '';
    throw new OidcError(
      'ERR_TOKEN_INVALID',
      `${source}: the token has ${got}, not "${options.audience}"${hint}`,
    );
  }
  const now = options.now ?? new Date();
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime()) {
    throw new OidcError(
      'ERR_TOKEN_EXPIRED',
      `${source}: the token expired at ${new Date(claims.exp * 1000).toISOString()}; get a fresh one`,
    );
  }
  return token;
}
