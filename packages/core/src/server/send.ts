import type { ServerResponse } from 'node:http';

/** The error body of the Sigstore services (Fulcio, Rekor, TSA): `code` is the HTTP status. */
export interface ErrorBody {
  code: number;
  message: string;
}

/**
 * The {@link ErrorBody} for `status`.
 *
 * @example
 * ```ts
 * errorBody(404, 'no such entry'); // { code: 404, message: 'no such entry' }
 * ```
 */
export function errorBody(status: number, message: string): ErrorBody {
  return { code: status, message };
}

/**
 * Sends `body` with `status`, `Content-Type: contentType`, its length, and any other `headers`.
 *
 * @example
 * ```ts
 * send(res, 200, 'application/pem-certificate-chain', chainPem);
 * ```
 */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Uint8Array | string,
  headers?: Record<string, string>,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length, ...headers });
  res.end(bytes);
}

/**
 * Sends `value` as `application/json`.
 *
 * @example
 * ```ts
 * sendJson(res, 201, created, { location: entryUrl });
 * ```
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): void {
  send(res, status, 'application/json', JSON.stringify(value), headers);
}

/**
 * Sends an error in the Sigstore services' `{ code, message }` shape ({@link ErrorBody}).
 *
 * @example
 * ```ts
 * sendError(res, 405, 'use POST', { allow: 'POST' });
 * ```
 */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, errorBody(status, message), headers);
}
