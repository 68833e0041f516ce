/** Options given to an OIDC provider when a token is needed. */
export interface GetTokenOptions {
  /** The `aud` the token must carry. Default for Sigstore-style CAs: `sigstore`. */
  audience: string;
  /** Aborts a slow provider (browser flow, device flow, metadata server). */
  signal?: AbortSignal;
}

/**
 * Produces an OpenID Connect identity token. Ambient CI providers implement `detect` so that the
 * CLI can pick them without a flag.
 *
 * @example
 * ```ts
 * const acme: OidcProvider = { name: 'acme', getToken: async ({ audience }) => fetchMyToken(audience) };
 * ```
 */
export interface OidcProvider {
  readonly name: string;
  /** Whether this provider can produce a token in the current environment (e.g. CI detection). */
  detect?(): boolean | Promise<boolean>;
  /** Resolves to a raw compact JWT. Never log it. */
  getToken(options: GetTokenOptions): Promise<string>;
}
