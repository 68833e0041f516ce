import type { KeyObject } from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { BenchCase } from '../cases.js';
import type { Contender } from '../contenders/contender.js';

const require = createRequire(import.meta.url);
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

/** Signature verifications per bundle, by key kind (`P-256`, `P-384`, `Ed25519`, `RSA-2048`, ...). */
export type SignatureCensus = Record<string, number>;

const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function keyKind(key: unknown): string {
  const object = (key && typeof key === 'object' && 'key' in key ? (key as { key: unknown }).key : key) as
    | KeyObject
    | undefined;
  const type = object?.asymmetricKeyType;
  if (!type) return 'other';
  const details = object.asymmetricKeyDetails ?? {};
  if (type === 'ec') return CURVE_NAMES[details.namedCurve ?? ''] ?? details.namedCurve ?? 'ec';
  if (type === 'rsa' || type === 'rsa-pss') return `RSA-${details.modulusLength ?? '?'}`;
  return type === 'ed25519' ? 'Ed25519' : type;
}

/**
 * Counts the OpenSSL signature verifications (`crypto.verify`) a contender makes per bundle, by
 * wrapping Node's `crypto.verify` for one pass over the cases. `syncBuiltinESMExports` carries
 * the wrapper into ES modules that imported `verify` by name. Signatures checked any other way
 * (e.g. in JavaScript) are not seen.
 */
export async function signatureCensus(
  contender: Contender,
  cases: readonly BenchCase[],
): Promise<SignatureCensus> {
  const counts: SignatureCensus = {};
  const original = nodeCrypto.verify;
  const counting = ((...args: Parameters<typeof original>) => {
    const kind = keyKind(args[2]);
    counts[kind] = (counts[kind] ?? 0) + 1;
    return original(...args);
  }) as typeof original;
  nodeCrypto.verify = counting;
  syncBuiltinESMExports();
  try {
    for (const c of cases) await contender.verify(c);
  } finally {
    nodeCrypto.verify = original;
    syncBuiltinESMExports();
  }
  for (const kind of Object.keys(counts)) counts[kind] = counts[kind]! / cases.length;
  return counts;
}
