import { createHash } from 'node:crypto';
import type { HashAlgorithm } from '../bundle/types.js';
import { CoreError } from '../errors/keyless-error.js';

const NODE_HASH: Record<HashAlgorithm, string> = {
  SHA2_256: 'sha256',
  SHA2_384: 'sha384',
  SHA2_512: 'sha512',
  SHA3_256: 'sha3-256',
  SHA3_384: 'sha3-384',
};

/** Node's name for a protobuf-specs `HashAlgorithm`. */
export function nodeHashName(algorithm: HashAlgorithm): string {
  const name = Object.hasOwn(NODE_HASH, algorithm) ? NODE_HASH[algorithm] : undefined;
  if (!name) throw new CoreError('ERR_UNSUPPORTED_ALGORITHM', `unsupported hash algorithm ${algorithm}`);
  return name;
}

export function sha256(data: Uint8Array | string): Uint8Array {
  return createHash('sha256').update(data).digest();
}

export function digest(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  return createHash(nodeHashName(algorithm)).update(data).digest();
}

/** Constant-length byte comparison (not secret-dependent; for clarity, not timing safety). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
