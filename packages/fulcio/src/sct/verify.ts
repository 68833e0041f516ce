import type { KeyObject } from 'node:crypto';
import {
  encodeBase64,
  findLogs,
  type HashName,
  isWithinValidity,
  type PreparedLog,
  type SignatureOptions,
  sha256,
  toHex,
  verifySignature,
  type X509Certificate,
} from '@keyless/core';
import { FulcioError } from '../errors.js';
import { embeddedScts } from './parse.js';
import { precertificateTbs } from './precertificate.js';
import { sctSignedData } from './signed-data.js';
import type { SctCheck, SctFailureCode, SignedCertificateTimestamp, VerifiedSct } from './types.js';

/** TLS `HashAlgorithm` codes (RFC 5246 §7.4.1.4.1). */
const HASHES: Readonly<Record<number, HashName>> = { 4: 'sha256', 5: 'sha384', 6: 'sha512' };
/** TLS `SignatureAlgorithm` codes and the key type each needs (RFC 5246, RFC 8422 for Ed25519). */
const KEY_TYPES: Readonly<Record<number, string>> = { 1: 'rsa', 3: 'ec', 7: 'ed25519' };
/** TLS `HashAlgorithm.Intrinsic`: the signature scheme hashes by itself (Ed25519). */
const INTRINSIC = 8;

// An issuer signs many leaves; hash its key once.
const issuerKeyHashes = new WeakMap<X509Certificate, Uint8Array>();

function issuerKeyHash(issuer: X509Certificate): Uint8Array {
  let hash = issuerKeyHashes.get(issuer);
  if (!hash) {
    hash = sha256(issuer.subjectPublicKeyInfo);
    issuerKeyHashes.set(issuer, hash);
  }
  return hash;
}

function signatureOptions(sct: SignedCertificateTimestamp, key: KeyObject): SignatureOptions | string {
  const keyType = KEY_TYPES[sct.signatureAlgorithm];
  if (!keyType) return `SCT uses unsupported signature algorithm ${sct.signatureAlgorithm}`;
  if (key.asymmetricKeyType !== keyType) {
    return `SCT signature algorithm ${sct.signatureAlgorithm} does not match the CT log's ${key.asymmetricKeyType} key`;
  }
  if (keyType === 'ed25519') {
    return sct.hashAlgorithm === INTRINSIC ? { hash: null } : 'Ed25519 SCT must use the intrinsic hash';
  }
  const hash = HASHES[sct.hashAlgorithm];
  return hash ? { hash } : `SCT uses unsupported hash algorithm ${sct.hashAlgorithm}`;
}

function failure(sct: SignedCertificateTimestamp, code: SctFailureCode, reason: string): SctCheck {
  return { verified: false, sct, code, reason };
}

function checkSct(
  sct: SignedCertificateTimestamp,
  signedData: () => Uint8Array,
  ctlogs: readonly PreparedLog[],
): SctCheck {
  const time = new Date(sct.timestamp);
  const known = findLogs(ctlogs, sct.logId);
  if (known.length === 0) {
    return failure(
      sct,
      'ERR_SCT_UNKNOWN_LOG',
      `SCT is from CT log ${encodeBase64(sct.logId)}, which is not trusted`,
    );
  }
  const usable = known.filter((log) => log.key && isWithinValidity(log.validFor, time));
  if (usable.length === 0) {
    return failure(
      sct,
      'ERR_SCT_UNKNOWN_LOG',
      `CT log ${known[0]!.baseUrl} has no trusted key valid at the SCT time ${time.toISOString()}`,
    );
  }
  let reason: string | undefined;
  for (const log of usable) {
    const options = signatureOptions(sct, log.key!);
    if (typeof options === 'string') {
      reason = options;
      continue;
    }
    if (verifySignature(log.key!, signedData(), sct.signature, options)) {
      return { verified: true, sct, result: { logId: sct.logId, timestamp: time, log, sct } };
    }
  }
  return failure(
    sct,
    'ERR_SCT_INVALID',
    reason ?? `SCT signature does not verify with the key of CT log ${usable[0]!.baseUrl}`,
  );
}

/**
 * Checks every SCT embedded in `leaf` (RFC 6962 §3.3) and says, for each, whether it verified
 * and if not why. An SCT counts only when a log in `ctlogs` has its log ID, a key valid at the
 * SCT's timestamp, and that key verifies its signature over the precertificate built from `leaf`
 * and `issuer` (the CA certificate that signed `leaf`). Empty when `leaf` carries no SCT.
 * Throws `FulcioError` (`ERR_SCT_MALFORMED`) only when the SCT list cannot be decoded.
 *
 * @example
 * ```ts
 * for (const check of checkEmbeddedScts(leaf, intermediate, trust.ctlogs)) {
 *   if (!check.verified) console.warn(check.code, check.reason);
 * }
 * ```
 */
export function checkEmbeddedScts(
  leaf: X509Certificate,
  issuer: X509Certificate,
  ctlogs: readonly PreparedLog[],
): SctCheck[] {
  const scts = embeddedScts(leaf);
  if (scts.length === 0) return [];
  const precert = precertificateTbs(leaf.tbs);
  const keyHash = issuerKeyHash(issuer);
  return scts.map((sct) => {
    let data: Uint8Array | undefined;
    return checkSct(sct, () => (data ??= sctSignedData(sct, keyHash, precert)), ctlogs);
  });
}

/**
 * The SCTs embedded in `leaf` that verified against `ctlogs` (see {@link checkEmbeddedScts} for
 * what counts, and for why the others did not).
 *
 * @example
 * ```ts
 * const verified = verifyEmbeddedScts(leaf, intermediate, trust.ctlogs);
 * verified[0]?.log.baseUrl; // 'https://ctfe.sigstore.dev/2022'
 * ```
 */
export function verifyEmbeddedScts(
  leaf: X509Certificate,
  issuer: X509Certificate,
  ctlogs: readonly PreparedLog[],
): VerifiedSct[] {
  const verified: VerifiedSct[] = [];
  for (const check of checkEmbeddedScts(leaf, issuer, ctlogs)) {
    if (check.verified) verified.push(check.result);
  }
  return verified;
}

export interface RequireSctsOptions {
  /** How many distinct CT logs must have a verified SCT; default 1. */
  threshold?: number;
}

/**
 * Like {@link verifyEmbeddedScts}, but throws unless SCTs from at least `threshold` distinct
 * trusted CT logs verified. Throws `FulcioError`: `ERR_SCT_MISSING` when `leaf` has no SCT (or
 * too few distinct logs), `ERR_SCT_INVALID` when a signature failed, `ERR_SCT_UNKNOWN_LOG` when
 * every failure is an untrusted log, `ERR_SCT_MALFORMED` when the list cannot be decoded.
 *
 * @example
 * ```ts
 * const [sct] = requireEmbeddedScts(leaf, intermediate, trust.ctlogs);
 * ```
 */
export function requireEmbeddedScts(
  leaf: X509Certificate,
  issuer: X509Certificate,
  ctlogs: readonly PreparedLog[],
  options: RequireSctsOptions = {},
): VerifiedSct[] {
  const threshold = options.threshold ?? 1;
  const checks = checkEmbeddedScts(leaf, issuer, ctlogs);
  if (checks.length === 0) {
    throw new FulcioError(
      'ERR_SCT_MISSING',
      'certificate has no embedded SCT; it was not logged to a CT log',
    );
  }
  const verified: VerifiedSct[] = [];
  const logs = new Set<string>();
  const reasons: string[] = [];
  let code: SctFailureCode | undefined;
  for (const check of checks) {
    if (check.verified) {
      verified.push(check.result);
      logs.add(toHex(check.result.logId));
    } else {
      reasons.push(check.reason);
      if (code !== 'ERR_SCT_INVALID') code = check.code;
    }
  }
  if (logs.size >= threshold) return verified;
  const summary = `${logs.size} of ${threshold} required CT logs have a verified SCT`;
  throw new FulcioError(
    code ?? 'ERR_SCT_MISSING',
    reasons.length ? `${summary}: ${reasons.join('; ')}` : summary,
  );
}
