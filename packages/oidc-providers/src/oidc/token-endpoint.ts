import type { HttpClient } from '@keyless/core/http';
import { OidcError } from '../errors.js';
import { safeLine } from '../token/redact.js';

/** What a token endpoint said: tokens, or an OAuth error (RFC 6749 §5.2). */
export type TokenEndpointResult =
  | { ok: true; idToken: string }
  | { ok: false; error: string; description?: string };

/** Statuses at which RFC 6749 §5.2 and RFC 8628 §3.5 put an error body. */
const ERROR_STATUSES = [400, 401, 403];

/**
 * POSTs a form to a token endpoint and reads either an `id_token` or the OAuth `error`. A
 * success without an `id_token` (the `openid` scope was not granted) is `ERR_AUTHORIZATION_FAILED`.
 * The response's tokens never appear in a message.
 */
export async function requestToken(
  http: HttpClient,
  endpoint: string,
  form: Record<string, string>,
  options: { signal?: AbortSignal; idempotent?: boolean } = {},
): Promise<TokenEndpointResult> {
  const response = await http.request({
    method: 'POST',
    url: endpoint,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    expect: [200, ...ERROR_STATUSES],
    idempotent: options.idempotent ?? false,
    ...(options.signal && { signal: options.signal }),
  });
  const body = response.json<Record<string, unknown> | null>();
  if (response.status === 200) {
    if (typeof body?.id_token !== 'string' || body.id_token === '') {
      throw new OidcError(
        'ERR_AUTHORIZATION_FAILED',
        'the token endpoint returned no id_token (was the openid scope granted?)',
      );
    }
    return { ok: true, idToken: body.id_token };
  }
  const error = typeof body?.error === 'string' ? body.error : `http_${response.status}`;
  const description =
    typeof body?.error_description === 'string' ? safeLine(body.error_description) : undefined;
  return { ok: false, error: safeLine(error, 64), ...(description && { description }) };
}

/** `error: description`, or just `error`. */
export function describeOAuthError(result: { error: string; description?: string }): string {
  return result.description ? `${result.error}: ${result.description}` : result.error;
}
