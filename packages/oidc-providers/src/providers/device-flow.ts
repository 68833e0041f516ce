import { type OidcProvider, sleep } from '@keyless/core';
import type { HttpClient, HttpClientOptions } from '@keyless/core/http';
import { requestDeviceAuthorization } from '../device/authorize.js';
import { type PollClock, pollForToken } from '../device/poll.js';
import { OidcError } from '../errors.js';
import { discoverIssuer } from '../oidc/discovery.js';
import { providerFailure, withHttpClient } from '../oidc/http.js';
import { issuerKeys } from '../oidc/jwks.js';
import { DEFAULT_CLIENT_ID, DEFAULT_SCOPE, type TextOutput } from '../oidc/output.js';
import { requestToken } from '../oidc/token-endpoint.js';
import { verifyIdToken } from '../token/verify-id-token.js';

/** Name of {@link deviceFlowProvider}. */
export const DEVICE_FLOW_PROVIDER_NAME = 'device-flow';

/** The grant type of the token requests (RFC 8628 §3.4). */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/** Options of {@link deviceFlowProvider}. */
export interface DeviceFlowProviderOptions {
  /** The OpenID issuer URL; its discovery document must list a `device_authorization_endpoint`. */
  issuer: string;
  /** Default `sigstore`. The ID token's `aud` is this client ID. */
  clientId?: string;
  /** Where instructions go. Default `process.stderr`. */
  output?: TextOutput;
  /** Default `openid email`. */
  scope?: string;
  /** Settings of the HTTP client (timeouts, retries). */
  http?: HttpClientOptions;
  /** Waiting and time; tests replace them to poll without waiting. */
  clock?: Partial<PollClock>;
}

/**
 * Signs the user in on another device (RFC 8628), for terminals without a browser: it asks the
 * issuer's device authorization endpoint for a user code, prints the verification URI and the
 * code (and `verification_uri_complete`, which carries the code, when the issuer sends one),
 * polls the token endpoint at the issuer's interval (5 s more after each `slow_down`), and
 * verifies the ID token (signature from `jwks_uri`, `iss`, `aud` = client ID, `exp`). The device
 * grant has no `nonce`; the device code itself binds the token to this request.
 *
 * Errors: `ERR_AUTHORIZATION_DENIED` (`access_denied`), `ERR_AUTHORIZATION_EXPIRED`
 * (`expired_token`, or the code's lifetime passed), `ERR_AUTHORIZATION_FAILED` (any other OAuth
 * error), `ERR_DISCOVERY_FAILED` (no device endpoint), and the ID token checks' codes.
 *
 * @example
 * ```ts
 * const token = await deviceFlowProvider({ issuer: 'https://oauth2.sigstore.dev/auth' }).getToken({ audience: 'sigstore' });
 * ```
 */
export function deviceFlowProvider(options: DeviceFlowProviderOptions): OidcProvider {
  const name = DEVICE_FLOW_PROVIDER_NAME;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const output = options.output ?? process.stderr;
  const clock: PollClock = { sleep: options.clock?.sleep ?? sleep, now: options.clock?.now ?? Date.now };

  async function signIn(http: HttpClient, signal: AbortSignal | undefined): Promise<string> {
    const metadata = await discoverIssuer(http, options.issuer, signal);
    const endpoint = metadata.device_authorization_endpoint;
    if (!endpoint) {
      throw new OidcError(
        'ERR_DISCOVERY_FAILED',
        `${options.issuer} does not offer the device flow (no device_authorization_endpoint); sign in with a browser instead`,
      );
    }
    const device = await requestDeviceAuthorization(
      http,
      endpoint,
      { client_id: clientId, scope: options.scope ?? DEFAULT_SCOPE },
      signal,
    );
    const complete = device.verification_uri_complete
      ? `\nOr open this link, which carries the code:\n\n  ${device.verification_uri_complete}\n`
      : '';
    output.write(
      `To sign in to ${options.issuer}, visit:\n\n  ${device.verification_uri}\n\nand enter the code:\n\n  ${device.user_code}\n${complete}\nWaiting for approval...\n`,
    );
    const idToken = await pollForToken(
      () =>
        requestToken(
          http,
          metadata.token_endpoint,
          { grant_type: DEVICE_CODE_GRANT_TYPE, device_code: device.device_code, client_id: clientId },
          // A poll only reads the grant's state, so a failed one may be repeated.
          { idempotent: true, ...(signal && { signal }) },
        ),
      {
        intervalSeconds: device.interval,
        expiresInSeconds: device.expires_in,
        clock,
        ...(signal && { signal }),
      },
    );
    await verifyIdToken(idToken, {
      keys: issuerKeys(http, metadata.jwks_uri),
      issuer: metadata.issuer,
      audience: clientId,
    });
    return idToken;
  }

  return {
    name,
    async getToken({ signal }) {
      try {
        return await withHttpClient({ service: 'OIDC issuer', ...options.http }, (http) =>
          signIn(http, signal),
        );
      } catch (err) {
        throw providerFailure(name, err, signal);
      }
    },
  };
}
