import { decodeBase64Strict } from '@keyless/core';
import { TimestampError } from '../errors.js';
import { TSP_OID } from '../rfc3161/oids.js';
import type { TimeStampReq } from '../rfc3161/types.js';

/** Hash names of the JSON form; SHA-1 maps to its OID so that it is refused like a DER request's. */
const HASH_OIDS: Record<string, string> = {
  sha1: TSP_OID.sha1,
  sha256: TSP_OID.sha256,
  sha384: TSP_OID.sha384,
  sha512: TSP_OID.sha512,
};

const DECIMAL = /^-?[0-9]{1,100}$/;

function malformed(message: string): never {
  throw new TimestampError('ERR_TIMESTAMP_MALFORMED', `malformed JSON timestamp request: ${message}`);
}

function nonceOf(value: unknown): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  // Large nonces lose precision as JSON numbers, so a decimal string is accepted too.
  if (typeof value === 'string' && DECIMAL.test(value)) return BigInt(value);
  malformed('nonce must be an integer (a decimal string when it exceeds 2^53)');
}

/**
 * The Sigstore timestamp-authority JSON request form, `{ artifactHash, hashAlgorithm, nonce?,
 * certificates?, tsaPolicyOID? }` with `artifactHash` the base64 digest, as a `TimeStampReq`.
 * Throws `TimestampError` (`ERR_TIMESTAMP_MALFORMED`) for a body that is not one.
 */
export function parseJsonTimestampRequest(body: Uint8Array): TimeStampReq {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    malformed('the body is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    malformed('the body must be a JSON object');
  }
  const fields = json as Record<string, unknown>;
  const digest =
    typeof fields.artifactHash === 'string' ? decodeBase64Strict(fields.artifactHash) : undefined;
  if (!digest) malformed('artifactHash must be the base64 digest of the artifact');
  const hashName = fields.hashAlgorithm ?? 'sha256';
  const algorithm = typeof hashName === 'string' ? HASH_OIDS[hashName.toLowerCase()] : undefined;
  if (!algorithm) malformed('hashAlgorithm must be sha256, sha384 or sha512');
  if (fields.certificates !== undefined && typeof fields.certificates !== 'boolean') {
    malformed('certificates must be a boolean');
  }
  if (fields.tsaPolicyOID !== undefined && typeof fields.tsaPolicyOID !== 'string') {
    malformed('tsaPolicyOID must be a string');
  }
  const request: TimeStampReq = {
    version: 1,
    messageImprint: { hashAlgorithm: { algorithm }, hashedMessage: digest },
    certReq: fields.certificates === true,
  };
  const nonce = nonceOf(fields.nonce);
  if (nonce !== undefined) request.nonce = nonce;
  if (fields.tsaPolicyOID) request.reqPolicy = fields.tsaPolicyOID;
  return request;
}
