import type { KeyObject } from 'node:crypto';
import { encodeBase64, type HashName, hashForKeyDetails, importSpki, X509Certificate } from '@keyless/core';
import type { V2Verifier } from '../../body/types.js';
import { keyDetailsForKey } from '../../key-details.js';
import { base64Field, objectField, protoField, rejectEntry, stringField } from '../request-fields.js';

/** A Rekor v2 `Verifier` after validation. */
export interface ReadVerifier {
  key: KeyObject;
  /** The hash the key signs with; `null` for Ed25519. */
  hash: HashName | null;
  /** The verifier as the entry body records it. */
  json: V2Verifier;
}

/**
 * Reads a Rekor v2 `Verifier`: exactly one of `publicKey.rawBytes` (DER SPKI) or
 * `x509Certificate.rawBytes` (DER), and `keyDetails`, which must describe that key.
 */
export function readV2Verifier(value: unknown, path: string): ReadVerifier {
  const verifier = objectField(value, path);
  const publicKey = protoField(verifier, 'publicKey');
  const certificate = protoField(verifier, 'x509Certificate');
  if ((publicKey === undefined) === (certificate === undefined)) {
    rejectEntry(`${path} must have exactly one of publicKey and x509Certificate`);
  }
  const which = certificate !== undefined ? 'x509Certificate' : 'publicKey';
  const der = base64Field(
    protoField(objectField(certificate ?? publicKey, `${path}.${which}`), 'rawBytes'),
    `${path}.${which}.rawBytes`,
  );
  let key: KeyObject;
  try {
    key = certificate !== undefined ? X509Certificate.parse(der).publicKey : importSpki(der);
  } catch {
    return rejectEntry(
      `${path}.${which} is not a ${which === 'publicKey' ? 'public key' : 'certificate'} this log can read`,
    );
  }
  const keyDetails = stringField(protoField(verifier, 'keyDetails'), `${path}.keyDetails`);
  const expected = keyDetailsForKey(key);
  if (!expected) rejectEntry(`${path} holds a key type this log does not accept`);
  if (keyDetails !== expected) rejectEntry(`${path}.keyDetails is ${keyDetails}, but the key is ${expected}`);
  const rawBytes = encodeBase64(der);
  return {
    key,
    hash: hashForKeyDetails(keyDetails),
    json:
      certificate !== undefined
        ? { keyDetails, x509Certificate: { rawBytes } }
        : { keyDetails, publicKey: { rawBytes } },
  };
}
