import { createPublicKey, type KeyObject } from 'node:crypto';
import { bytesEqual } from '../crypto/digest.js';
import { type HashName, hashForKeyDetails, importSpki } from '../crypto/keys.js';
import { X509Certificate } from '../x509/certificate.js';
import type { CertificateAuthority, TransparencyLogInstance, TrustedRoot, ValidityWindow } from './types.js';

/** A transparency or CT log from a trusted root with its key imported once, ready to verify with. */
export interface PreparedLog {
  instance: TransparencyLogInstance;
  baseUrl: string;
  logId: Uint8Array;
  /** `undefined` when the trusted root gives no usable key for this log. */
  key: KeyObject | undefined;
  hash: HashName | null;
  validFor: ValidityWindow;
}

/** A CA or TSA from a trusted root with its chain parsed once (leaf-most first, root last). */
export interface PreparedAuthority {
  authority: CertificateAuthority;
  certificates: X509Certificate[];
  validFor: ValidityWindow;
}

/** Everything a verifier needs from a trusted root, parsed and imported once. */
export interface PreparedTrustedRoot {
  trustedRoot: TrustedRoot;
  tlogs: PreparedLog[];
  ctlogs: PreparedLog[];
  certificateAuthorities: PreparedAuthority[];
  timestampAuthorities: PreparedAuthority[];
}

export function prepareLog(instance: TransparencyLogInstance): PreparedLog {
  let key: KeyObject | undefined;
  try {
    const { rawBytes, keyDetails } = instance.publicKey;
    if (rawBytes.length === 0) key = undefined;
    // Some older CT logs publish a bare PKCS#1 RSAPublicKey rather than a SubjectPublicKeyInfo.
    else if (keyDetails === 'PKCS1_RSA_PKCS1V5') {
      key = createPublicKey({ key: Buffer.from(rawBytes), format: 'der', type: 'pkcs1' });
    } else key = importSpki(rawBytes);
  } catch {
    key = undefined;
  }
  return {
    instance,
    baseUrl: instance.baseUrl,
    logId: instance.logId.keyId,
    key,
    hash: hashForKeyDetails(instance.publicKey.keyDetails),
    validFor: instance.publicKey.validFor,
  };
}

export function prepareAuthority(authority: CertificateAuthority): PreparedAuthority {
  return {
    authority,
    certificates: authority.certChain.map((der) => X509Certificate.parse(der)),
    validFor: authority.validFor,
  };
}

export function prepareTrustedRoot(trustedRoot: TrustedRoot): PreparedTrustedRoot {
  return {
    trustedRoot,
    tlogs: trustedRoot.tlogs.map(prepareLog),
    ctlogs: trustedRoot.ctlogs.map(prepareLog),
    certificateAuthorities: trustedRoot.certificateAuthorities.map(prepareAuthority),
    timestampAuthorities: trustedRoot.timestampAuthorities.map(prepareAuthority),
  };
}

/** Every log whose `logId` is `logId` (several keys of one log may be listed with different windows). */
export function findLogs(logs: readonly PreparedLog[], logId: Uint8Array): PreparedLog[] {
  return logs.filter((log) => bytesEqual(log.logId, logId));
}
