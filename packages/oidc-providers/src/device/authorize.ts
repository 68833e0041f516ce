import type { HttpClient } from '@keyless/core/http';
import { OidcError } from '../errors.js';
import { safeLine } from '../token/redact.js';

/** The device authorization response (RFC 8628 §3.2). */
export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  /** Seconds until `device_code` expires. */
  expires_in: number;
  /** Seconds to wait between polls; RFC 8628 says 5 when absent. */
  interval: number;
}

function string(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Starts the device authorization grant (RFC 8628 §3.1): POSTs `client_id` and `scope` to the
 * device authorization endpoint and checks the answer. An OAuth error answer is
 * `ERR_AUTHORIZATION_FAILED`.
 */
export async function requestDeviceAuthorization(
  http: HttpClient,
  endpoint: string,
  form: { client_id: string; scope: string },
  signal?: AbortSignal,
): Promise<DeviceAuthorization> {
  const response = await http.request({
    method: 'POST',
    url: endpoint,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    expect: [200, 400, 401],
    ...(signal && { signal }),
  });
  const body = response.json<Record<string, unknown> | null>() ?? {};
  if (response.status !== 200) {
    const error = string(body, 'error') ?? `HTTP ${response.status}`;
    const description = string(body, 'error_description');
    throw new OidcError(
      'ERR_AUTHORIZATION_FAILED',
      `the issuer refused to start the device flow: ${safeLine(description ? `${error}: ${description}` : error)}`,
    );
  }
  // Some issuers spell it verification_url, after an early draft of the spec.
  const verificationUri = string(body, 'verification_uri') ?? string(body, 'verification_url');
  const deviceCode = string(body, 'device_code');
  const userCode = string(body, 'user_code');
  if (!deviceCode || !userCode || !verificationUri) {
    throw new OidcError(
      'ERR_AUTHORIZATION_FAILED',
      'the device authorization response lacks device_code, user_code or verification_uri',
    );
  }
  const complete = string(body, 'verification_uri_complete');
  const expiresIn = Number(body.expires_in);
  const interval = Number(body.interval ?? 5);
  return {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verificationUri,
    ...(complete && { verification_uri_complete: complete }),
    expires_in: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 600,
    interval: Number.isFinite(interval) && interval > 0 ? interval : 5,
  };
}
