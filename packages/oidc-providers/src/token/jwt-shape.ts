import { OidcError } from '../errors.js';

const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * Whether `value` has the shape of a compact JWT (three base64url parts, the first decoding to a
 * JSON object). Says nothing about its signature.
 *
 * @example
 * ```ts
 * isJwtShaped('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'); // true
 * isJwtShaped('./token.txt'); // false
 * ```
 */
export function isJwtShaped(value: string): boolean {
  if (!COMPACT_JWS.test(value)) return false;
  const header = value.slice(0, value.indexOf('.'));
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * Trims `value` and checks that it is a compact JWT; `source` names where it came from in the
 * error, which never quotes the value.
 */
export function expectJwt(value: unknown, source: string): string {
  const token = typeof value === 'string' ? value.trim() : '';
  if (token === '') throw new OidcError('ERR_TOKEN_INVALID', `${source}: returned no token`);
  if (!isJwtShaped(token)) {
    throw new OidcError('ERR_TOKEN_INVALID', `${source}: returned something that is not a JWT`);
  }
  return token;
}
