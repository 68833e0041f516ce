import { Tag } from '@keyless/core';
import { TSP_OID } from '../rfc3161/oids.js';
import type { TimeStampReq } from '../rfc3161/types.js';
import type { Rejection } from './response.js';

/** Digest lengths of the imprint hashes a TSA accepts; SHA-1 is refused like the verifier does. */
const DIGEST_LENGTH: Record<string, number> = {
  [TSP_OID.sha256]: 32,
  [TSP_OID.sha384]: 48,
  [TSP_OID.sha512]: 64,
};

function isAbsentOrNull(parameters: Uint8Array | undefined): boolean {
  return (
    parameters === undefined || (parameters.length === 2 && parameters[0] === Tag.NULL && parameters[1] === 0)
  );
}

/**
 * Whether a TSA issuing under `policy` grants `request`, as RFC 3161 §2.4.2 lets it decide:
 * `undefined` to grant, else the rejection to answer with.
 */
export function checkRequest(request: TimeStampReq, policy: string): Rejection | undefined {
  if (request.version !== 1) {
    return { failInfo: 'badRequest', message: `unsupported TimeStampReq version ${request.version}` };
  }
  const { hashAlgorithm, hashedMessage } = request.messageImprint;
  const length = DIGEST_LENGTH[hashAlgorithm.algorithm];
  if (length === undefined || !isAbsentOrNull(hashAlgorithm.parameters)) {
    return {
      failInfo: 'badAlg',
      message: `unsupported hash algorithm ${hashAlgorithm.algorithm}; use SHA-256, SHA-384 or SHA-512`,
    };
  }
  if (hashedMessage.length !== length) {
    return {
      failInfo: 'badDataFormat',
      message: `the message imprint is ${hashedMessage.length} bytes, not the ${length} of its hash algorithm`,
    };
  }
  if (request.reqPolicy !== undefined && request.reqPolicy !== policy) {
    return {
      failInfo: 'unacceptedPolicy',
      message: `unknown policy ${request.reqPolicy}; this TSA uses ${policy}`,
    };
  }
  if (request.extensions !== undefined) {
    return { failInfo: 'unacceptedExtension', message: 'this TSA supports no request extensions' };
  }
  return undefined;
}
