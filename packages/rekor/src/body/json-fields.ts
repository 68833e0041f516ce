import { decodeBase64Strict, decodePemBlocks, fromHexStrict, type HashAlgorithm } from '@keyless/core';
import { RekorError } from '../errors.js';
import type { LoggedDigest, LoggedVerifier } from './types.js';

/** Readers for entry-body JSON fields; each names the field's path when it is missing or wrong. */

export function invalidBody(message: string): never {
  throw new RekorError('ERR_TLOG_BODY_INVALID', `malformed log entry body: ${message}`);
}

export type JsonObject = Record<string, unknown>;

export function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalidBody(`${path} is not an object`);
  return value as JsonObject;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) invalidBody(`${path} is not an array`);
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') invalidBody(`${path} is not a string`);
  return value;
}

export function base64(value: unknown, path: string): Uint8Array {
  const bytes = decodeBase64Strict(string(value, path));
  if (!bytes) invalidBody(`${path} is not base64`);
  return bytes;
}

/**
 * A field holding base64 of base64 text (intoto 0.0.2 payloads and signatures, which Rekor encodes
 * twice). When the once-decoded bytes are not base64 text they are taken as the value itself, so a
 * body written with single encoding reads as a different value, not as an unreadable body.
 */
export function doubleBase64(value: unknown, path: string): Uint8Array {
  const once = base64(value, path);
  return decodeBase64Strict(Buffer.from(once).toString('latin1')) ?? once;
}

const V1_ALGORITHMS: Record<string, HashAlgorithm> = {
  sha256: 'SHA2_256',
  sha384: 'SHA2_384',
  sha512: 'SHA2_512',
};

/** A Rekor v1 `{algorithm: 'sha256', value: <hex>}`. */
export function v1Hash(value: unknown, path: string): LoggedDigest {
  const hash = object(value, path);
  const name = string(hash.algorithm, `${path}.algorithm`);
  const algorithm = V1_ALGORITHMS[name];
  if (!algorithm) invalidBody(`${path}.algorithm "${name}" is not supported`);
  const digest = fromHexStrict(string(hash.value, `${path}.value`));
  if (!digest || digest.length === 0) invalidBody(`${path}.value is not hex`);
  return { algorithm, digest };
}

const V2_ALGORITHMS = new Set<string>(['SHA2_256', 'SHA2_384', 'SHA2_512', 'SHA3_256', 'SHA3_384']);

/** A Rekor v2 `HashOutput` `{algorithm: 'SHA2_256', digest: <base64>}`. */
export function v2Hash(value: unknown, path: string): LoggedDigest {
  const hash = object(value, path);
  const algorithm = string(hash.algorithm, `${path}.algorithm`);
  if (!V2_ALGORITHMS.has(algorithm)) invalidBody(`${path}.algorithm "${algorithm}" is not supported`);
  return { algorithm: algorithm as HashAlgorithm, digest: base64(hash.digest, `${path}.digest`) };
}

/** A Rekor v1 verifier: base64 of one PEM `CERTIFICATE` or `PUBLIC KEY` block. */
export function pemVerifier(value: unknown, path: string): LoggedVerifier {
  const pem = Buffer.from(base64(value, path)).toString('utf8');
  const blocks = decodePemBlocks(pem);
  const block = blocks[0];
  if (blocks.length !== 1 || !block) invalidBody(`${path} does not hold exactly one PEM block`);
  if (block.label === 'CERTIFICATE') return { type: 'certificate', der: block.der };
  if (block.label === 'PUBLIC KEY') return { type: 'publicKey', der: block.der };
  return invalidBody(`${path} holds a PEM "${block.label}", not a certificate or public key`);
}

/** A Rekor v2 `Verifier`: `publicKey.rawBytes` or `x509Certificate.rawBytes`, base64 DER. */
export function v2Verifier(value: unknown, path: string): LoggedVerifier {
  const verifier = object(value, path);
  if (verifier.x509Certificate !== undefined && verifier.publicKey !== undefined) {
    invalidBody(`${path} has both a certificate and a public key`);
  }
  if (verifier.x509Certificate !== undefined) {
    const cert = object(verifier.x509Certificate, `${path}.x509Certificate`);
    return { type: 'certificate', der: base64(cert.rawBytes, `${path}.x509Certificate.rawBytes`) };
  }
  if (verifier.publicKey !== undefined) {
    const key = object(verifier.publicKey, `${path}.publicKey`);
    return { type: 'publicKey', der: base64(key.rawBytes, `${path}.publicKey.rawBytes`) };
  }
  return invalidBody(`${path} has neither a certificate nor a public key`);
}
