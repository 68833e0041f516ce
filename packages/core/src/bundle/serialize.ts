import { encodeBase64 } from '../encoding/base64.js';
import type { Bundle, BundleJson, SigningMaterial, TransparencyLogEntry, TransparencyLogEntryJson } from './types.js';

/**
 * Writes a bundle model back to its JSON form, as protobuf-specs' canonical JSON mapping does:
 * camelCase names, int64 as decimal strings, bytes as standard padded base64, and absent optionals
 * (and empty repeated fields) left out. `parseBundle(serializeBundle(b))` equals `b`.
 *
 * @example
 * ```ts
 * await writeFile('artifact.sigstore.json', JSON.stringify(serializeBundle(bundle)));
 * ```
 */
export function serializeBundle(bundle: Bundle): BundleJson {
  const { verificationMaterial: material } = bundle;
  const verificationMaterial: BundleJson['verificationMaterial'] = serializeSigningMaterial(material.content);
  if (material.tlogEntries.length > 0) verificationMaterial.tlogEntries = material.tlogEntries.map(serializeEntry);
  if (material.rfc3161Timestamps.length > 0) {
    verificationMaterial.timestampVerificationData = {
      rfc3161Timestamps: material.rfc3161Timestamps.map((ts) => ({ signedTimestamp: encodeBase64(ts) })),
    };
  }

  const json: BundleJson = { mediaType: bundle.mediaType, verificationMaterial };
  const { content } = bundle;
  if (content.type === 'messageSignature') {
    const { messageDigest, signature } = content.messageSignature;
    json.messageSignature = { signature: encodeBase64(signature) };
    if (messageDigest) {
      json.messageSignature = {
        messageDigest: { algorithm: messageDigest.algorithm, digest: encodeBase64(messageDigest.digest) },
        signature: json.messageSignature.signature,
      };
    }
  } else {
    const { payload, payloadType, signatures } = content.dsseEnvelope;
    json.dsseEnvelope = {
      payload: encodeBase64(payload),
      payloadType,
      signatures: signatures.map(({ sig, keyid }) => (keyid ? { sig: encodeBase64(sig), keyid } : { sig: encodeBase64(sig) })),
    };
  }
  return json;
}

function serializeSigningMaterial(material: SigningMaterial): BundleJson['verificationMaterial'] {
  switch (material.type) {
    case 'x509CertificateChain':
      return {
        x509CertificateChain: { certificates: material.certificates.map((der) => ({ rawBytes: encodeBase64(der) })) },
      };
    case 'certificate':
      return { certificate: { rawBytes: encodeBase64(material.certificate) } };
    case 'publicKey':
      // The oneof case must survive even with an empty hint, hence `{}` rather than nothing.
      return { publicKey: material.hint ? { hint: material.hint } : {} };
  }
}

function serializeEntry(entry: TransparencyLogEntry): TransparencyLogEntryJson {
  const json: TransparencyLogEntryJson = {
    logIndex: String(entry.logIndex),
    logId: { keyId: encodeBase64(entry.logId.keyId) },
    kindVersion: { kind: entry.kindVersion.kind, version: entry.kindVersion.version },
    canonicalizedBody: '',
  };
  if (entry.integratedTime !== 0) json.integratedTime = String(entry.integratedTime);
  if (entry.inclusionPromise) {
    json.inclusionPromise = { signedEntryTimestamp: encodeBase64(entry.inclusionPromise.signedEntryTimestamp) };
  }
  if (entry.inclusionProof) {
    const proof = entry.inclusionProof;
    json.inclusionProof = {
      logIndex: String(proof.logIndex),
      rootHash: encodeBase64(proof.rootHash),
      treeSize: String(proof.treeSize),
      hashes: proof.hashes.map(encodeBase64),
      checkpoint: { envelope: proof.checkpoint.envelope },
    };
  }
  // Set last so the written field order matches the order protobuf-specs declares.
  json.canonicalizedBody = encodeBase64(entry.canonicalizedBody);
  return json;
}
