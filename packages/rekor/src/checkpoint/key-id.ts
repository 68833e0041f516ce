import { createHash } from 'node:crypto';

/** C2SP signed-note signature type byte of Ed25519 signatures. */
export const NOTE_SIGNATURE_TYPE_ED25519 = 0x01;

function firstUint32(hash: Uint8Array): number {
  return ((hash[0]! << 24) | (hash[1]! << 16) | (hash[2]! << 8) | hash[3]!) >>> 0;
}

/**
 * The C2SP key ID of an Ed25519 note key: `SHA-256(name || 0x0A || 0x01 || 32-byte key)[:4]`, as a
 * big-endian uint32. Rekor v2 logs sign checkpoints this way (and their log ID is the whole hash).
 */
export function ed25519NoteKeyId(name: string, publicKey: Uint8Array): number {
  return firstUint32(
    createHash('sha256')
      .update(name)
      .update(Uint8Array.of(0x0a, NOTE_SIGNATURE_TYPE_ED25519))
      .update(publicKey)
      .digest(),
  );
}

/**
 * The key ID of an ECDSA (or other PKIX) note key: `SHA-256(DER SubjectPublicKeyInfo)[:4]`. Rekor v1
 * logs use it, so it is also the first four bytes of their log ID.
 */
export function pkixNoteKeyId(spki: Uint8Array): number {
  return firstUint32(createHash('sha256').update(spki).digest());
}

/** Reads a key ID from its 4-byte (or longer, truncated) big-endian form. */
export function noteKeyIdFromBytes(bytes: Uint8Array): number | undefined {
  return bytes.length < 4 ? undefined : firstUint32(bytes);
}
