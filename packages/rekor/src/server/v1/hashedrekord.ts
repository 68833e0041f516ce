import { createHash } from 'node:crypto';
import { encodeBase64, fromHexStrict, type HashName } from '@keyless/core';
import type { CanonicalEntry } from '../canonical-entry.js';
import { canonicalJson } from '../canonical-json.js';
import { base64Field, type Fields, objectField, rejectEntry, stringField } from '../request-fields.js';
import { verifiesDigest } from '../signature-check.js';
import { readPemVerifier } from './verifier-pem.js';

const DIGEST_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

/**
 * Validates a proposed hashedrekord 0.0.1 entry as Rekor does (the signature must verify over the
 * digest with the given key or certificate) and builds its canonical body:
 * `{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{"data":{"hash":{"algorithm","value"}},"signature":{"content","publicKey":{"content"}}}}`.
 */
export function hashedRekordV001(spec: Fields): CanonicalEntry {
  const hash = objectField(objectField(spec.data, 'spec.data').hash, 'spec.data.hash');
  const algorithm = stringField(hash.algorithm, 'spec.data.hash.algorithm');
  const length = DIGEST_BYTES[algorithm];
  if (!length) rejectEntry(`spec.data.hash.algorithm "${algorithm}" is not sha256, sha384 or sha512`);
  const value = stringField(hash.value, 'spec.data.hash.value').toLowerCase();
  const digest = fromHexStrict(value);
  if (!digest || digest.length !== length)
    rejectEntry(`spec.data.hash.value is not a hex ${algorithm} digest`);

  const signature = objectField(spec.signature, 'spec.signature');
  const content = base64Field(signature.content, 'spec.signature.content');
  const publicKey = objectField(signature.publicKey, 'spec.signature.publicKey');
  const verifier = readPemVerifier(publicKey.content, 'spec.signature.publicKey.content');
  if (verifier.key.asymmetricKeyType === 'ed25519') {
    rejectEntry('Ed25519 signs messages, not digests: log the signature as a dsse entry instead');
  }
  if (!verifiesDigest(verifier.key, digest, content, algorithm as HashName)) {
    rejectEntry('spec.signature.content does not verify over the digest with the given key or certificate');
  }
  const pem = Buffer.from(verifier.canonicalPem, 'utf8');
  const body = canonicalJson({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm, value } },
      signature: { content: encodeBase64(content), publicKey: { content: encodeBase64(pem) } },
    },
  });
  return {
    kind: 'hashedrekord',
    apiVersion: '0.0.1',
    body: Buffer.from(body, 'utf8'),
    keys: [
      `${algorithm}:${value}`,
      `sha256:${createHash('sha256').update(pem).digest('hex')}`,
      ...verifier.emails,
    ],
  };
}
