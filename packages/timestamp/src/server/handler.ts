import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, requestPath, type ServiceHandler, send, sendError } from '@keyless/core/server';
import { TimestampError } from '../errors.js';
import { parseTimeStampReq } from '../rfc3161/parse-request.js';
import type { TimeStampReq } from '../rfc3161/types.js';
import { checkRequest } from './accept.js';
import { parseJsonTimestampRequest } from './json-request.js';
import { grantedResponse, type Rejection, rejectionResponse } from './response.js';
import type { TokenSigner } from './signer.js';

/** Where the RFC 3161 endpoint and the chain live, relative to the TSA's base URL. */
export const TIMESTAMP_PATH = '/api/v1/timestamp';
export const CERT_CHAIN_PATH = '/api/v1/timestamp/certchain';

const QUERY_TYPE = 'application/timestamp-query';
const REPLY_TYPE = 'application/timestamp-reply';
const JSON_TYPE = 'application/json';
/** A TimeStampReq is a few hundred bytes; anything this large is not one. */
const MAX_BODY_BYTES = 64 * 1024;

export interface TimestampHandlerOptions {
  signer: TokenSigner;
  policy: string;
  /** The chain as served by `GET /api/v1/timestamp/certchain`: leaf, intermediate, root. */
  certChainPem: string;
  now: () => Date;
  isClosed: () => boolean;
}

/** The media type of a `Content-Type` header, lower-cased and without parameters. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** The request's path; a client that adds a slash after an endpoint's URL still reaches it. */
function endpointPath(url: string | undefined): string {
  const path = requestPath(url);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function reply(res: ServerResponse, status: number, der: Uint8Array): void {
  send(res, status, REPLY_TYPE, der);
}

function reject(res: ServerResponse, status: number, rejection: Rejection): void {
  reply(res, status, rejectionResponse(rejection));
}

/** The request in the body, or `undefined` after answering for a body that is not one. */
function decodeRequest(res: ServerResponse, type: string, body: Uint8Array): TimeStampReq | undefined {
  try {
    return type === JSON_TYPE ? parseJsonTimestampRequest(body) : parseTimeStampReq(body);
  } catch (error) {
    if (!(error instanceof TimestampError)) throw error;
    // Not a request at all: an HTTP error, still carrying the protocol's rejection for RFC 3161 clients.
    reject(res, 400, { failInfo: 'badDataFormat', message: error.message });
    return undefined;
  }
}

async function timestamp(req: IncomingMessage, res: ServerResponse, options: TimestampHandlerOptions) {
  const type = mediaType(req.headers['content-type']);
  if (type !== QUERY_TYPE && type !== JSON_TYPE) {
    req.resume();
    sendError(res, 415, `send a DER TimeStampReq as ${QUERY_TYPE} (or the JSON form as ${JSON_TYPE})`);
    return;
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body) {
    sendError(res, 413, `the request body exceeds ${MAX_BODY_BYTES} bytes`, { connection: 'close' });
    return;
  }
  const request = decodeRequest(res, type, body);
  if (!request) return;
  const rejection = checkRequest(request, options.policy);
  if (rejection) {
    // RFC 3161 §3.4: a refusal is a TimeStampResp like any other answer.
    reject(res, 200, rejection);
    return;
  }
  let token: Uint8Array;
  try {
    token = options.signer.issue(request, options.now());
  } catch {
    reject(res, 500, { failInfo: 'systemFailure', message: 'the TSA could not sign the timestamp' });
    return;
  }
  reply(res, 200, grantedResponse(token));
}

async function route(req: IncomingMessage, res: ServerResponse, options: TimestampHandlerOptions) {
  if (options.isClosed()) {
    req.resume();
    sendError(res, 503, 'the timestamp authority is shut down');
    return;
  }
  const path = endpointPath(req.url);
  const method = req.method ?? 'GET';
  if (path === TIMESTAMP_PATH) {
    if (method !== 'POST') {
      req.resume();
      sendError(res, 405, `use POST for ${TIMESTAMP_PATH}`, { allow: 'POST' });
      return;
    }
    await timestamp(req, res, options);
    return;
  }
  req.resume();
  if (path === CERT_CHAIN_PATH) {
    if (method !== 'GET' && method !== 'HEAD') {
      sendError(res, 405, `use GET for ${CERT_CHAIN_PATH}`, { allow: 'GET, HEAD' });
      return;
    }
    send(res, 200, 'application/pem-certificate-chain', options.certChainPem);
    return;
  }
  sendError(res, 404, `no such endpoint: ${method} ${path}`);
}

/**
 * The TSA's HTTP handler: `POST /api/v1/timestamp` (RFC 3161 §3.4, and Sigstore's JSON form)
 * and `GET /api/v1/timestamp/certchain`. Paths are relative to the TSA's base URL.
 */
export function createTimestampHandler(options: TimestampHandlerOptions): ServiceHandler {
  return (req, res) => {
    route(req, res, options).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    });
  };
}
