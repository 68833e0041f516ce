import { encodeBase64 } from '@keyless/core';
import { DIGEST_LENGTH, hashAlgorithmOf } from '../../key-details.js';
import type { CanonicalEntry } from '../canonical-entry.js';
import { canonicalJson } from '../canonical-json.js';
import { base64Field, type Fields, objectField, protoField, rejectEntry } from '../request-fields.js';
import { verifiesDigest } from '../signature-check.js';
import { readV2Verifier } from './verifier.js';

/**
 * Validates a `HashedRekordRequestV002` (`digest`, `signature.content`, `signature.verifier`):
 * the digest must have the length of the hash the key details name, and the signature must
 * verify over it. Builds the hashedrekord 0.0.2 body.
 */
export function hashedRekordV002(request: Fields, path: string): CanonicalEntry {
  const digest = base64Field(protoField(request, 'digest'), `${path}.digest`);
  const signature = objectField(protoField(request, 'signature'), `${path}.signature`);
  const content = base64Field(signature.content, `${path}.signature.content`);
  const verifier = readV2Verifier(signature.verifier, `${path}.signature.verifier`);
  if (verifier.hash === null) {
    rejectEntry('Ed25519 signs messages, not digests: log the signature as a dsse entry instead');
  }
  const algorithm = hashAlgorithmOf(verifier.hash);
  if (digest.length !== DIGEST_LENGTH[algorithm]) rejectEntry(`${path}.digest is not a ${algorithm} digest`);
  if (!verifiesDigest(verifier.key, digest, content, verifier.hash)) {
    rejectEntry(`${path}.signature.content does not verify over the digest with the given verifier`);
  }
  const body = canonicalJson({
    apiVersion: '0.0.2',
    kind: 'hashedrekord',
    spec: {
      hashedRekordV002: {
        data: { algorithm, digest: encodeBase64(digest) },
        signature: { content: encodeBase64(content), verifier: verifier.json },
      },
    },
  });
  return { kind: 'hashedrekord', apiVersion: '0.0.2', body: Buffer.from(body, 'utf8'), keys: [] };
}
