// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f-\u009f\s]+/g;

/** A compact JWS: three base64url parts, the first an encoded JSON header (`{"` is `eyJ`). */
const JWT_LIKE = /eyJ[\w-]{2,}\.[\w-]*\.[\w-]*/g;

/**
 * Replaces anything shaped like a JWT with `[redacted token]`, for text that ends up in an error
 * message (a command's stderr, an issuer's error description).
 *
 * @example
 * ```ts
 * redactTokens('bad token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'); // 'bad token [redacted token]'
 * ```
 */
export function redactTokens(text: string): string {
  return text.replace(JWT_LIKE, '[redacted token]');
}

/**
 * One printable line of at most `max` characters with tokens redacted: what a subprocess or a
 * server said, fit for an error message.
 */
export function safeLine(text: string, max = 200): string {
  // Control characters could forge terminal output; tokens must never reach a message.
  const flat = redactTokens(text).replace(CONTROL_OR_SPACE, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
