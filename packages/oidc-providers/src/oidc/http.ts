import { KeylessError } from '@keyless/core';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '@keyless/core/http';
import { OidcError } from '../errors.js';
import { safeLine } from '../token/redact.js';

/**
 * Runs `use` with a fresh HTTP client and closes it afterwards, so that a one-shot token request
 * does not leave a keep-alive pool holding the process open.
 */
export async function withHttpClient<T>(
  options: HttpClientOptions,
  use: (http: HttpClient) => Promise<T>,
): Promise<T> {
  const http = createHttpClient(options);
  try {
    return await use(http);
  } finally {
    await http.close();
  }
}

/**
 * What a provider throws when its source fails: our own errors and the caller's abort pass
 * through; the HTTP layer's `CoreError` (already one safe line) becomes `ERR_PROVIDER_FAILED`
 * prefixed with the provider's name.
 */
export function providerFailure(provider: string, err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted && err === signal.reason) return err;
  if (err instanceof OidcError) return err;
  const message = err instanceof KeylessError || err instanceof Error ? err.message : String(err);
  return new OidcError('ERR_PROVIDER_FAILED', `${provider}: ${safeLine(message, 400)}`, { cause: err });
}
