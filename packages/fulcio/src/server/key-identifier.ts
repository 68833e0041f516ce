import { createHash } from 'node:crypto';
import { DerReader, decodeBitString, parseDer, Tag } from '@keyless/core';

/**
 * The key identifier of a SubjectPublicKeyInfo (RFC 5280 §4.2.1.2, method 1): SHA-1 of the
 * subjectPublicKey bits. Used for SubjectKeyIdentifier and AuthorityKeyIdentifier alike.
 */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const reader = new DerReader(parseDer(spki), 'SubjectPublicKeyInfo');
  reader.next(Tag.SEQUENCE);
  const bits = decodeBitString(reader.next(Tag.BIT_STRING).value);
  return createHash('sha1').update(bits).digest();
}
