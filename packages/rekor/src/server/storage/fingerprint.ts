import { createHash } from 'node:crypto';

/** A 64-bit table fingerprint, as two unsigned 32-bit halves. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

/** The fingerprint of a hash: its first eight bytes. */
export function fingerprintOf(hash: Uint8Array): Fingerprint {
  const view = new DataView(hash.buffer, hash.byteOffset, hash.byteLength);
  return { hi: view.getUint32(0), lo: view.getUint32(4) };
}

/** The fingerprint of a secondary-index key: the first eight bytes of its SHA-256. */
export function keyFingerprint(key: string): Fingerprint {
  return fingerprintOf(createHash('sha256').update(key, 'utf8').digest());
}
