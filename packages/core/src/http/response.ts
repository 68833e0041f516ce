import { httpError } from './errors.js';
import type { HttpResponse } from './types.js';

const decoder = new TextDecoder();

/** Who asked for a response, for the message of a body that is not JSON. */
export interface ResponseContext {
  service: string;
  method: string;
  /** Redacted URL (see `redactUrl`). */
  url: string;
  attempts: number;
}

/** Wraps a fully read body as an {@link HttpResponse}. */
export function createResponse(
  status: number,
  headers: Headers,
  url: string,
  body: Uint8Array,
  context: ResponseContext,
): HttpResponse {
  const text = () => decoder.decode(body);
  return {
    status,
    headers,
    url,
    body,
    text,
    json<T = unknown>(): T {
      try {
        return JSON.parse(text()) as T;
      } catch (err) {
        const type = headers.get('content-type') ?? 'no content type';
        // The parser's message quotes the body, which is not ours to print: name the type instead.
        throw httpError(
          'ERR_HTTP',
          `${context.service}: ${context.method} ${context.url} returned a body that is not JSON (HTTP ${status}, ${type})`,
          { failure: 'invalid-json', ...context, status, headers, error: err },
        );
      }
    },
  };
}
