import { decodeBase64Strict, decodePemBlocks } from '@keyless/core';
import { FulcioError } from '../errors.js';

/** A `signingCert` request, checked for shape only (the token and key are judged later). */
export interface SigningRequest {
  /** From `credentials.oidcIdentityToken`, else the `Authorization: Bearer` header. */
  token: string | undefined;
  proof: { type: 'publicKey'; spki: Uint8Array; signature: Uint8Array } | { type: 'csr'; csr: Uint8Array };
}

function badRequest(message: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_BAD_REQUEST', message, { cause });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization ? /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}

function publicKeySpki(content: unknown): Uint8Array {
  if (typeof content !== 'string') badRequest('publicKeyRequest.publicKey.content must be a PEM public key');
  let blocks: ReturnType<typeof decodePemBlocks>;
  try {
    blocks = decodePemBlocks(content);
  } catch (cause) {
    return badRequest('publicKeyRequest.publicKey.content is not valid PEM', cause);
  }
  const block = blocks.find((b) => b.label === 'PUBLIC KEY');
  return block ? block.der : badRequest('publicKeyRequest.publicKey.content has no PUBLIC KEY PEM block');
}

function base64Field(value: unknown, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? decodeBase64Strict(value) : undefined;
  if (!bytes || bytes.length === 0) badRequest(`${field} must be non-empty base64`);
  return bytes;
}

/**
 * Reads a Fulcio v2 `CreateSigningCertificateRequest` from its JSON body. Throws `FulcioError`
 * (`ERR_FULCIO_BAD_REQUEST`) naming the field at fault.
 */
export function parseSigningRequest(body: unknown, authorization: string | undefined): SigningRequest {
  if (!isObject(body)) badRequest('request body must be a JSON object');
  const credentials = body.credentials;
  let token: string | undefined;
  if (credentials !== undefined && credentials !== null) {
    if (!isObject(credentials)) badRequest('credentials must be an object');
    const value = credentials.oidcIdentityToken;
    if (value !== undefined && typeof value !== 'string')
      badRequest('credentials.oidcIdentityToken must be a string');
    token = value || undefined;
  }
  token ??= bearerToken(authorization);

  const keyRequest = body.publicKeyRequest;
  const csr = body.certificateSigningRequest;
  const hasKeyRequest = keyRequest !== undefined && keyRequest !== null;
  const hasCsr = csr !== undefined && csr !== null && csr !== '';
  if (hasKeyRequest === hasCsr) {
    badRequest('request must have exactly one of publicKeyRequest and certificateSigningRequest');
  }
  if (hasCsr) return { token, proof: { type: 'csr', csr: base64Field(csr, 'certificateSigningRequest') } };
  if (!isObject(keyRequest)) return badRequest('publicKeyRequest must be an object');
  const publicKey = keyRequest.publicKey;
  if (!isObject(publicKey)) badRequest('publicKeyRequest.publicKey must be an object');
  return {
    token,
    proof: {
      type: 'publicKey',
      spki: publicKeySpki(publicKey.content),
      signature: base64Field(keyRequest.proofOfPossession, 'publicKeyRequest.proofOfPossession'),
    },
  };
}
