import { createHash } from 'node:crypto';
import { OciError } from '../errors.js';

/** Digest algorithms of the OCI image spec that this package computes. */
export type DigestAlgorithm = 'sha256' | 'sha512';

const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };
const LOWER_HEX = /^[0-9a-f]+$/;

/** A parsed `algorithm:hex` content digest. */
export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

/**
 * Parses an OCI content digest (`sha256:<64 lowercase hex>` or `sha512:<128 lowercase hex>`), or
 * returns `undefined`. Registries compare digests as strings, so upper-case hex is refused.
 *
 * @example
 * ```ts
 * parseDigest('sha256:' + 'a'.repeat(64)); // { algorithm: 'sha256', hex: 'aaaa…' }
 * ```
 */
export function parseDigest(digest: string): ParsedDigest | undefined {
  const colon = digest.indexOf(':');
  if (colon < 0) return undefined;
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  if (algorithm !== 'sha256' && algorithm !== 'sha512') return undefined;
  if (hex.length !== HEX_LENGTH[algorithm] || !LOWER_HEX.test(hex)) return undefined;
  return { algorithm, hex };
}

/** Whether `value` is a digest {@link parseDigest} accepts. */
export function isDigest(value: string): boolean {
  return parseDigest(value) !== undefined;
}

/**
 * The content digest of `bytes`.
 *
 * @example
 * ```ts
 * computeDigest(new TextEncoder().encode('{}')); // 'sha256:44136fa3…'
 * ```
 */
export function computeDigest(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/**
 * Requires `bytes` to hash to `expected`; throws `ERR_DIGEST_MISMATCH` naming `what` otherwise.
 * Content addressing is the registry's only integrity guarantee, so every download is checked.
 */
export function assertDigest(bytes: Uint8Array, expected: string, what: string): void {
  const parsed = parseDigest(expected);
  if (!parsed) throw new OciError('ERR_DIGEST_MISMATCH', `${what}: "${expected}" is not a supported digest`);
  const actual = computeDigest(bytes, parsed.algorithm);
  if (actual !== expected) {
    throw new OciError('ERR_DIGEST_MISMATCH', `${what}: content hashes to ${actual}, expected ${expected}`);
  }
}
