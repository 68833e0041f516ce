import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodePem } from '@keyless/core';
import { readBody, requestPath, type ServiceHandler, sendError, sendJson } from '@keyless/core/server';
import { FulcioError, type FulcioErrorCode } from '../errors.js';
import type { ConfigurationJson, TrustBundleJson } from '../protocol/types.js';
import { type SigningContext, signCertificate } from './sign-certificate.js';
import { parseSigningRequest } from './signing-request.js';

/** HTTP status of each error the signing pipeline throws on purpose; anything else is a 500. */
const STATUS: Partial<Record<FulcioErrorCode, number>> = {
  ERR_FULCIO_BAD_REQUEST: 400,
  ERR_FULCIO_UNAUTHENTICATED: 401,
  ERR_FULCIO_ISSUER_UNAVAILABLE: 503,
};

/** Bodies past this are refused with 413: a signing request is a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

const ROUTES: Record<
  string,
  { method: 'GET' | 'POST'; name: 'signingCert' | 'configuration' | 'trustBundle' }
> = {
  '/api/v2/signingCert': { method: 'POST', name: 'signingCert' },
  '/api/v2/configuration': { method: 'GET', name: 'configuration' },
  '/api/v2/trustBundle': { method: 'GET', name: 'trustBundle' },
};

async function handleSigningCert(req: IncomingMessage, res: ServerResponse, context: SigningContext) {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === undefined) return sendError(res, 413, 'request body is larger than 1 MiB');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(res, 400, 'request body is not JSON');
  }
  try {
    const request = parseSigningRequest(json, req.headers.authorization);
    sendJson(res, 200, await signCertificate(request, context));
  } catch (error) {
    const status = error instanceof FulcioError ? STATUS[error.code] : undefined;
    // Messages of expected failures are written for the caller and never hold the token.
    if (status) sendError(res, status, (error as FulcioError).message);
    else sendError(res, 500, 'the certificate authority failed to issue a certificate');
  }
}

/**
 * The HTTP face of the CA: `POST /api/v2/signingCert`, `GET /api/v2/configuration` and
 * `GET /api/v2/trustBundle`, with Fulcio's JSON error bodies. `req.url` is relative to the CA's
 * base URL.
 */
export function createFulcioHandler(context: SigningContext): ServiceHandler {
  const trustBundle: TrustBundleJson = {
    chains: [
      {
        certificates: [
          encodePem('CERTIFICATE', context.ca.intermediate.der),
          encodePem('CERTIFICATE', context.ca.root.der),
        ],
      },
    ],
  };
  const configuration: ConfigurationJson = {
    issuers: [...context.issuers.values()].map((issuer) => ({
      issuerUrl: issuer.issuerUrl,
      audience: context.clientId,
      challengeClaim: issuer.type === 'email' ? 'email' : 'sub',
    })),
  };
  return (req, res) => {
    const route = ROUTES[requestPath(req.url)];
    if (!route) {
      req.resume();
      return sendError(res, 404, `no such endpoint: ${requestPath(req.url).slice(0, 200)}`);
    }
    if (req.method !== route.method) {
      req.resume();
      return sendError(res, 405, `${route.method} only`, { allow: route.method });
    }
    if (route.name === 'configuration') return sendJson(res, 200, configuration);
    if (route.name === 'trustBundle') return sendJson(res, 200, trustBundle);
    handleSigningCert(req, res, context).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'the certificate authority failed to issue a certificate');
      else res.destroy();
    });
  };
}
