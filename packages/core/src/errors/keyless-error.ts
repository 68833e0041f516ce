/**
 * The one error base of Keyless. Every package throws a subclass of it whose `code` is a member of
 * that package's stable code union, so callers can `switch (err.code)` without parsing messages.
 *
 * @example
 * ```ts
 * try { await verifier.verify(bundle, input, policy); }
 * catch (err) { if (err instanceof KeylessError) console.error(err.code, err.message); }
 * ```
 */
export class KeylessError<Code extends string = string> extends Error {
  /** Stable, documented machine-readable code, e.g. `ERR_BUNDLE_INVALID`. */
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Codes thrown by `@keyless/core` itself. */
export type CoreErrorCode =
  /** A Sigstore bundle is not valid JSON, has an unknown media type, or violates the schema. */
  | 'ERR_BUNDLE_INVALID'
  /** A bundle's media type names a version this library does not understand. */
  | 'ERR_BUNDLE_UNSUPPORTED_VERSION'
  /** A TrustedRoot document is malformed. */
  | 'ERR_TRUSTED_ROOT_INVALID'
  /** A SigningConfig document is malformed. */
  | 'ERR_SIGNING_CONFIG_INVALID'
  /** DER / ASN.1 bytes could not be decoded. */
  | 'ERR_ASN1_PARSE'
  /** An X.509 certificate could not be decoded. */
  | 'ERR_CERTIFICATE_PARSE'
  /** A public key or signature algorithm is not supported. */
  | 'ERR_UNSUPPORTED_ALGORITHM'
  /** Input exceeds a configured size limit. */
  | 'ERR_INPUT_TOO_LARGE'
  /** An HTTP request failed (network, timeout, or non-success status). */
  | 'ERR_HTTP'
  /** A request would send data over plain HTTP to a non-loopback host without opt-in. */
  | 'ERR_HTTP_INSECURE'
  /** A plugin misbehaved (threw, or returned something that is not what its interface promises). */
  | 'ERR_PLUGIN';

/** Error thrown by `@keyless/core`. */
export class CoreError extends KeylessError<CoreErrorCode> {}
