import { decodePemBlocks, X509Certificate } from '@keyless/core';
import { FulcioError } from '../errors.js';
import type { SigningCertificateJson } from '../protocol/types.js';

/** The issued chain, leaf first, and whether its SCT came embedded or detached. */
export interface IssuedChain {
  certificates: X509Certificate[];
  sct: 'embedded' | 'detached';
}

function invalid(detail: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_RESPONSE_INVALID', `Fulcio: ${detail}`, { cause });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a `CertificateChain`'s PEM certificates. Throws `FulcioError`
 * (`ERR_FULCIO_RESPONSE_INVALID`) naming `what` when it is empty or malformed.
 */
export function parsePemChain(pems: unknown, what: string): X509Certificate[] {
  if (!Array.isArray(pems) || pems.length === 0) return invalid(`${what} has no certificate chain`);
  return pems.map((pem, index) => {
    if (typeof pem !== 'string')
      return invalid(`certificate ${index} of the ${what} chain is not a PEM string`);
    try {
      const blocks = decodePemBlocks(pem).filter((block) => block.label === 'CERTIFICATE');
      if (blocks.length !== 1)
        return invalid(`certificate ${index} of the ${what} chain is not one PEM certificate`);
      return X509Certificate.parse(blocks[0]!.der);
    } catch (cause) {
      if (cause instanceof FulcioError) throw cause;
      return invalid(`certificate ${index} of the ${what} chain cannot be parsed`, cause);
    }
  });
}

/**
 * Reads a `signingCert` response: the PEM chain of `signedCertificateEmbeddedSct` or
 * `signedCertificateDetachedSct`, each certificate parsed. Throws `FulcioError`
 * (`ERR_FULCIO_RESPONSE_INVALID`).
 */
export function parseSigningCertificateResponse(body: unknown): IssuedChain {
  if (!isObject(body)) return invalid('signingCert response is not a JSON object');
  const response = body as SigningCertificateJson;
  const member = response.signedCertificateEmbeddedSct ?? response.signedCertificateDetachedSct;
  const sct = response.signedCertificateEmbeddedSct ? 'embedded' : 'detached';
  const pems = isObject(member) && isObject(member.chain) ? member.chain.certificates : undefined;
  return { certificates: parsePemChain(pems, 'signingCert response'), sct };
}
