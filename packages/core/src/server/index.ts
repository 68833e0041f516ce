/**
 * `@keyless/core/server` — the `node:http` plumbing the local services (CA, logs, TSA, the dev
 * stack's issuer) share: the {@link ServiceHandler} type they expose, a request body reader with a
 * size limit, and answers with their length, in JSON, and in the Sigstore `{ code, message }`
 * error shape. It uses `node:http` types only and opens no connection.
 *
 * @example
 * ```ts
 * import { readBody, requestPath, type ServiceHandler, sendError, sendJson } from '@keyless/core/server';
 *
 * const handler: ServiceHandler = (req, res) => {
 *   if (requestPath(req.url) !== '/echo') return sendError(res, 404, 'no such endpoint');
 *   readBody(req, 1024).then((body) => {
 *     if (body === undefined) sendError(res, 413, 'the request body exceeds 1 KiB');
 *     else sendJson(res, 200, { length: body.length });
 *   });
 * };
 * ```
 *
 * @module
 */
export { readBody } from './read-body.js';
export { requestPath } from './request-path.js';
export { type ErrorBody, errorBody, send, sendError, sendJson } from './send.js';
export type { ServiceHandler } from './types.js';
