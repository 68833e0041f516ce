import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Bundle,
  type BundleContent,
  type BundleJson,
  decodeBase64Strict,
  decodePem,
  type PreparedLog,
  prepareLog,
  sha256,
  type TransparencyLogEntry,
  type TransparencyLogEntryJson,
  type TransparencyLogInstance,
  type TrustedRootJson,
  type ValidityWindow,
} from '@keyless/core';
import { conformanceDir, readRealdataJson } from '@keyless/testkit';

/**
 * Test-only decoding of conformance bundles and trusted roots into core's models. Deliberately
 * lenient: it keeps whatever the JSON holds (a proof without a checkpoint gets an empty one) so the
 * log verifier, not a parser, is what rejects the negative cases.
 */

function b64(text: string): Uint8Array {
  const bytes = decodeBase64Strict(text);
  if (!bytes) throw new Error(`test fixture holds bad base64: ${text.slice(0, 20)}`);
  return bytes;
}

export function decodeEntry(json: TransparencyLogEntryJson): TransparencyLogEntry {
  const entry: TransparencyLogEntry = {
    logIndex: Number(json.logIndex),
    logId: { keyId: b64(json.logId.keyId) },
    kindVersion: json.kindVersion,
    integratedTime: Number(json.integratedTime ?? 0),
    canonicalizedBody: b64(json.canonicalizedBody),
  };
  if (json.inclusionPromise) {
    entry.inclusionPromise = { signedEntryTimestamp: b64(json.inclusionPromise.signedEntryTimestamp) };
  }
  const proof = json.inclusionProof;
  if (proof) {
    entry.inclusionProof = {
      logIndex: Number(proof.logIndex),
      treeSize: Number(proof.treeSize),
      rootHash: b64(proof.rootHash),
      hashes: (proof.hashes ?? []).map(b64),
      checkpoint: { envelope: proof.checkpoint?.envelope ?? '' },
    };
  }
  return entry;
}

export function decodeBundle(json: BundleJson): Bundle {
  const vm = json.verificationMaterial;
  let content: BundleContent;
  if (json.messageSignature) {
    const ms = json.messageSignature;
    content = {
      type: 'messageSignature',
      messageSignature: {
        signature: b64(ms.signature),
        ...(ms.messageDigest && {
          messageDigest: { algorithm: ms.messageDigest.algorithm, digest: b64(ms.messageDigest.digest) },
        }),
      },
    };
  } else if (json.dsseEnvelope) {
    const env = json.dsseEnvelope;
    content = {
      type: 'dsseEnvelope',
      dsseEnvelope: {
        payload: b64(env.payload),
        payloadType: env.payloadType,
        signatures: env.signatures.map((s) => ({ sig: b64(s.sig), keyid: s.keyid ?? '' })),
      },
    };
  } else {
    throw new Error('test fixture bundle has no content');
  }
  return {
    mediaType: json.mediaType,
    version: '0.3',
    verificationMaterial: {
      content: vm.certificate
        ? { type: 'certificate', certificate: b64(vm.certificate.rawBytes) }
        : vm.x509CertificateChain
          ? {
              type: 'x509CertificateChain',
              certificates: vm.x509CertificateChain.certificates.map((c) => b64(c.rawBytes)),
            }
          : { type: 'publicKey', hint: vm.publicKey?.hint ?? '' },
      tlogEntries: (vm.tlogEntries ?? []).map(decodeEntry),
      rfc3161Timestamps: [],
    },
    content,
  };
}

function validity(json: { start?: string; end?: string } | undefined): ValidityWindow {
  return {
    ...(json?.start && { start: new Date(json.start) }),
    ...(json?.end && { end: new Date(json.end) }),
  };
}

export function decodeLogs(json: TrustedRootJson): PreparedLog[] {
  return (json.tlogs ?? []).map((t) => {
    const instance: TransparencyLogInstance = {
      baseUrl: t.baseUrl,
      hashAlgorithm: t.hashAlgorithm,
      publicKey: {
        rawBytes: t.publicKey.rawBytes ? b64(t.publicKey.rawBytes) : new Uint8Array(),
        keyDetails: t.publicKey.keyDetails,
        validFor: validity(t.publicKey.validFor),
      },
      logId: { keyId: b64(t.logId.keyId) },
      ...(t.checkpointKeyId && { checkpointKeyId: { keyId: b64(t.checkpointKeyId.keyId) } }),
    };
    return prepareLog(instance);
  });
}

/** The public-good production logs (what conformance cases without a trusted_root.json use). */
export function productionLogs(): PreparedLog[] {
  return decodeLogs(readRealdataJson<TrustedRootJson>('trust/production/trusted_root.json'));
}

export function stagingLogs(): PreparedLog[] {
  return decodeLogs(readRealdataJson<TrustedRootJson>('trust/staging/trusted_root.json'));
}

export interface ConformanceCase {
  name: string;
  bundle: Bundle;
  entry: TransparencyLogEntry;
  logs: PreparedLog[];
  signer: { certificate?: Uint8Array; publicKey?: Uint8Array };
  artifactDigest: { algorithm: 'SHA2_256'; digest: Uint8Array };
}

/** Loads a conformance case from `bundle-verify/<name>`: its bundle, logs, signer and artifact digest. */
export function loadCase(name: string): ConformanceCase {
  const dir = join(conformanceDir, name);
  const bundle = decodeBundle(
    JSON.parse(readFileSync(join(dir, 'bundle.sigstore.json'), 'utf8')) as BundleJson,
  );
  const rootPath = join(dir, 'trusted_root.json');
  const logs = existsSync(rootPath)
    ? decodeLogs(JSON.parse(readFileSync(rootPath, 'utf8')) as TrustedRootJson)
    : productionLogs();
  const material = bundle.verificationMaterial.content;
  const signer =
    material.type === 'certificate'
      ? { certificate: material.certificate }
      : material.type === 'x509CertificateChain'
        ? { certificate: material.certificates[0]! }
        : { publicKey: decodePem(readFileSync(join(dir, 'key.pub'), 'utf8'), 'PUBLIC KEY') };
  const artifactPath = existsSync(join(dir, 'artifact'))
    ? join(dir, 'artifact')
    : join(conformanceDir, 'a.txt');
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry) throw new Error(`conformance case ${name} has no tlog entry`);
  return {
    name,
    bundle,
    entry,
    logs,
    signer,
    artifactDigest: { algorithm: 'SHA2_256', digest: sha256(readFileSync(artifactPath)) },
  };
}

/** A copy of `bytes` with one bit of byte `index` flipped (negative index counts from the end). */
export function flipBit(bytes: Uint8Array, index = 0): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const i = index < 0 ? copy.length + index : index;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}
