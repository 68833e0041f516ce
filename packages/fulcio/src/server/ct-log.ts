import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { encodeBase64, sha256, type TransparencyLogInstanceJson } from '@keyless/core';
import { FulcioError } from '../errors.js';
import { sctSignedData } from '../sct/signed-data.js';
import type { SignedCertificateTimestamp } from '../sct/types.js';
import { readTextIfExists, writeFileAtomic } from './files.js';

const KEY_FILE = 'ctlog-key.pem';
const STATE_FILE = 'ctlog.json';

/** TLS `HashAlgorithm.sha256` and `SignatureAlgorithm.ecdsa` (RFC 5246 §7.4.1.4.1). */
const SHA256 = 4;
const ECDSA = 3;

/** An in-process RFC 6962 CT log: it only signs SCTs for the precertificates of this CA. */
export interface LocalCtLog {
  /** SHA-256 of the log's SubjectPublicKeyInfo. */
  logId: Uint8Array;
  /**
   * A v1 SCT for a precertificate: `precertTbs` is its TBSCertificate without the poison
   * extension, `issuerKeyHash` the SHA-256 of the issuing CA's SubjectPublicKeyInfo.
   */
  signPrecertificate(
    precertTbs: Uint8Array,
    issuerKeyHash: Uint8Array,
    timestamp: number,
  ): SignedCertificateTimestamp;
  /** The piece of the trusted root describing this log. */
  json: TransparencyLogInstanceJson;
}

function invalidState(dir: string, detail: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_STATE_INVALID', `CT log in ${dir}: ${detail}`, { cause });
}

function loadOrCreateKey(dir: string, now: Date): { key: KeyObject; createdAt: string } {
  const pem = readTextIfExists(dir, KEY_FILE);
  const state = readTextIfExists(dir, STATE_FILE);
  if (pem === undefined && state === undefined) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    // Whole seconds, so that the validity window reads the same in every format it is copied to.
    const createdAt = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
    writeFileAtomic(dir, KEY_FILE, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
    writeFileAtomic(dir, STATE_FILE, `${JSON.stringify({ createdAt }, null, 2)}\n`, 0o644);
    return { key: privateKey, createdAt };
  }
  if (pem === undefined || state === undefined) {
    invalidState(dir, `missing ${pem === undefined ? KEY_FILE : STATE_FILE}`);
  }
  try {
    const { createdAt } = JSON.parse(state) as { createdAt?: unknown };
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) {
      return invalidState(dir, `${STATE_FILE} has no valid createdAt`);
    }
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return invalidState(dir, 'key is not P-256');
    return { key, createdAt };
  } catch (cause) {
    if (cause instanceof FulcioError) throw cause;
    return invalidState(dir, `cannot read ${KEY_FILE} or ${STATE_FILE}`, cause);
  }
}

/**
 * Loads the CT log key kept in `dir` (an ECDSA P-256 key, mode 0600, and its creation time), or
 * creates it. `baseUrl` only names the log in the trusted root: it serves no CT API.
 */
export function loadOrCreateCtLog(dir: string, baseUrl: string, now: Date): LocalCtLog {
  const { key, createdAt } = loadOrCreateKey(dir, now);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const logId = sha256(spki);
  return {
    logId,
    signPrecertificate(precertTbs, issuerKeyHash, timestamp) {
      const unsigned: SignedCertificateTimestamp = {
        version: 0,
        logId,
        timestamp,
        extensions: new Uint8Array(0),
        hashAlgorithm: SHA256,
        signatureAlgorithm: ECDSA,
        signature: new Uint8Array(0),
      };
      const signature = sign('sha256', sctSignedData(unsigned, issuerKeyHash, precertTbs), key);
      return { ...unsigned, signature };
    },
    json: {
      baseUrl,
      hashAlgorithm: 'SHA2_256',
      publicKey: {
        rawBytes: encodeBase64(spki),
        keyDetails: 'PKIX_ECDSA_P256_SHA_256',
        validFor: { start: createdAt },
      },
      logId: { keyId: encodeBase64(logId) },
    },
  };
}
