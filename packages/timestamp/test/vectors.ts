/**
 * Test-only decoding of the JSON vectors (Sigstore bundles and trusted roots) down to what the
 * timestamp tests need. Deliberately minimal: full parsing and validation belong to
 * `@keyless/core`'s bundle and trusted-root parsers.
 */
import { readdirSync } from 'node:fs';
import {
  type BundleJson,
  type CertificateAuthority,
  type CertificateAuthorityJson,
  decodeBase64Strict,
  type PreparedAuthority,
  type PreparedLog,
  prepareAuthority,
  prepareLog,
  type TransparencyLogEntry,
  type TransparencyLogInstance,
  type TransparencyLogInstanceJson,
  type TrustedRootJson,
  type ValidityWindow,
  X509Certificate,
} from '@keyless/core';
import { conformanceDir, readRealdata, readRealdataJson } from '@keyless/testkit';

/** Base64 as the vectors hold it; one conformance bundle wraps its timestamp in lines, as base64(1) does. */
export function b64(text: string): Uint8Array {
  const bytes = decodeBase64Strict(text.replace(/\s/g, ''));
  if (!bytes) throw new Error(`not base64: ${text.slice(0, 20)}`);
  return bytes;
}

function window(json: { start?: string; end?: string } | undefined): ValidityWindow {
  const result: ValidityWindow = {};
  if (json?.start) result.start = new Date(json.start);
  if (json?.end) result.end = new Date(json.end);
  return result;
}

function authority(json: CertificateAuthorityJson): CertificateAuthority {
  return {
    subject: json.subject ?? {},
    uri: json.uri ?? '',
    certChain: json.certChain.certificates.map((c) => b64(c.rawBytes)),
    validFor: window(json.validFor),
  };
}

function log(json: TransparencyLogInstanceJson): TransparencyLogInstance {
  return {
    baseUrl: json.baseUrl,
    hashAlgorithm: json.hashAlgorithm,
    publicKey: {
      rawBytes: b64(json.publicKey.rawBytes ?? ''),
      keyDetails: json.publicKey.keyDetails,
      validFor: window(json.publicKey.validFor),
    },
    logId: { keyId: b64(json.logId.keyId) },
  };
}

export interface TrustedMaterial {
  tsas: PreparedAuthority[];
  tlogs: PreparedLog[];
}

export function trustedMaterial(json: TrustedRootJson): TrustedMaterial {
  return {
    tsas: (json.timestampAuthorities ?? []).map((a) => prepareAuthority(authority(a))),
    tlogs: (json.tlogs ?? []).map((l) => prepareLog(log(l))),
  };
}

/** The production or staging trusted root of `realdata/trust`. */
export function publicTrust(instance: 'production' | 'staging'): TrustedMaterial {
  return trustedMaterial(readRealdataJson<TrustedRootJson>('trust', instance, 'trusted_root.json'));
}

export interface ConformanceCase {
  /** The bytes the timestamps cover: the message signature or the DSSE envelope's signature. */
  signature: Uint8Array;
  timestamps: Uint8Array[];
  tlogEntries: TransparencyLogEntry[];
  /** The signing certificate, when the bundle has one. */
  certificate?: X509Certificate;
  /** The case's own trusted root, else the production one. */
  trusted: TrustedMaterial;
}

/** The conformance `bundle-verify` case `name`. */
export function conformanceCase(name: string): ConformanceCase {
  const dir = `${conformanceDir}/${name}`;
  const bundle = readRealdataJson<BundleJson>(
    'conformance/test/assets/bundle-verify',
    name,
    'bundle.sigstore.json',
  );
  const files = readdirSync(dir);
  const trusted = files.includes('trusted_root.json')
    ? trustedMaterial(
        readRealdataJson<TrustedRootJson>('conformance/test/assets/bundle-verify', name, 'trusted_root.json'),
      )
    : publicTrust('production');
  const vm = bundle.verificationMaterial;
  const signatureText = bundle.messageSignature?.signature ?? bundle.dsseEnvelope?.signatures[0]?.sig;
  if (!signatureText) throw new Error(`${name}: no signature`);
  const certificateText = vm.certificate?.rawBytes ?? vm.x509CertificateChain?.certificates[0]?.rawBytes;
  const result: ConformanceCase = {
    signature: b64(signatureText),
    timestamps: (vm.timestampVerificationData?.rfc3161Timestamps ?? []).map((t) => b64(t.signedTimestamp)),
    tlogEntries: (vm.tlogEntries ?? []).map((entry) => ({
      logIndex: Number(entry.logIndex),
      logId: { keyId: b64(entry.logId.keyId) },
      kindVersion: entry.kindVersion,
      integratedTime: Number(entry.integratedTime ?? 0),
      canonicalizedBody: b64(entry.canonicalizedBody),
    })),
    trusted,
  };
  if (certificateText) result.certificate = X509Certificate.parse(b64(certificateText));
  return result;
}

/** A file of `realdata/tsa`. */
export function tsaVector(file: string): Uint8Array {
  return readRealdata('tsa', file);
}

/** A copy of `bytes` with the byte at `index` flipped. */
export function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

/** Index of the first occurrence of `needle` in `haystack`. */
export function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const at = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(
    Buffer.from(needle),
  );
  if (at < 0) throw new Error('needle not found');
  return at;
}
