import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '@keyless/core/server';
import { sendJson, sendJsonError } from '../http/respond.js';
import { type CiTokenOptions, githubActionsClaims } from './ci-claims.js';
import { secretMatches } from './dev-secret.js';
import { DEV_TOKEN_LIFETIME_SECONDS, mintIdToken } from './mint-token.js';
import type { IssuerSigningKey } from './signing-key.js';

/** The JSON body of `POST <issuer>/dev/token`. */
export interface DevTokenRequest {
  /** The email the token is for (an email token); also its `sub` unless `subject` says otherwise. */
  email?: string;
  subject?: string;
  /** Mint a GitHub-Actions-like token from the CI issuer instead of an email token. */
  ci?: boolean;
  /** With `ci`: the workflow run the token describes. */
  repository?: string;
  ref?: string;
  sha?: string;
  workflowFile?: string;
  eventName?: string;
}

/** The answer of `POST <issuer>/dev/token`. */
export interface DevTokenResponse {
  id_token: string;
  /** Seconds until the token expires. */
  expires_in: number;
  /** The token's `iss`. */
  issuer: string;
}

export interface DevTokenEndpointOptions {
  signingKey: IssuerSigningKey;
  secret: string;
  /** The `iss` of email tokens. */
  issuer: string;
  /** The `iss` of CI tokens. */
  ciIssuer: string;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** A token request is a few hundred bytes of JSON. */
const MAX_BODY_BYTES = 64 * 1024;

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

async function claimsFor(body: Record<string, unknown>, options: DevTokenEndpointOptions) {
  if (body.ci !== undefined && typeof body.ci !== 'boolean') throw new TypeError('ci must be a boolean');
  if (body.ci) {
    const ci: CiTokenOptions = {};
    for (const name of ['repository', 'ref', 'sha', 'workflowFile', 'eventName'] as const) {
      const value = optionalString(body, name);
      if (value !== undefined) ci[name] = value;
    }
    return { issuer: options.ciIssuer, claims: githubActionsClaims(ci) };
  }
  const email = optionalString(body, 'email');
  if (email === undefined || !EMAIL.test(email) || email.length > 254) {
    throw new TypeError('email must be an email address');
  }
  const sub = optionalString(body, 'subject') ?? email;
  return { issuer: options.issuer, claims: { sub, email, email_verified: true } };
}

/**
 * `POST /dev/token`: mints an ID token without a browser, for scripts and tests. The caller
 * proves it can read the stack's directory by sending the secret stored there as a bearer token.
 * Nothing about the request or the token is logged.
 */
export async function handleDevToken(
  req: IncomingMessage,
  res: ServerResponse,
  options: DevTokenEndpointOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJsonError(res, 405, 'use POST');
  }
  const presented = bearer(req);
  if (presented === undefined || !secretMatches(presented, options.secret)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return sendJsonError(
      res,
      401,
      'the development token endpoint needs the secret from DIR/oidc/dev-secret',
    );
  }
  let body: Record<string, unknown>;
  try {
    const text = await readBody(req, MAX_BODY_BYTES);
    if (text === undefined) return sendJsonError(res, 413, 'request body too large');
    const parsed: unknown = JSON.parse(text.toString('utf8') || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError();
    body = parsed as Record<string, unknown>;
  } catch {
    return sendJsonError(res, 400, 'the body must be a JSON object');
  }
  let minted: Awaited<ReturnType<typeof claimsFor>>;
  try {
    minted = await claimsFor(body, options);
  } catch (error) {
    return sendJsonError(res, 400, (error as Error).message);
  }
  const idToken = await mintIdToken({
    key: options.signingKey.key,
    kid: options.signingKey.jwk.kid,
    issuer: minted.issuer,
    claims: minted.claims,
  });
  const answer: DevTokenResponse = {
    id_token: idToken,
    expires_in: DEV_TOKEN_LIFETIME_SECONDS,
    issuer: minted.issuer,
  };
  sendJson(res, 200, answer);
}
