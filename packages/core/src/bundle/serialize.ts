import { encodeBase64 } from '../encoding/base64.js';
import type {
  Bundle,
  BundleJson,
  SigningMaterial,
  TransparencyLogEntry,
  TransparencyLogEntryJson,
} from './types.js';

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
  if (material.tlogEntries.length > 0)
    verificationMaterial.tlogEntries = material.tlogEntries.map(serializeEntry);
  if (material.rfc3161Timestamps.length > 0) {
    verificationMaterial.timestampVerificationData = {
      rfc3161Timestamps: material.rfc3161Timestamps.map((ts) => ({ signedTimestamp: encodeBase64(ts) })),
    };
  }

  const json: BundleJson = { mediaType: bundle.mediaType, verificationMaterial };
  const { content } = bundle;
  if (content.type === 'messageSignature') {
    const { messageDigest, signature } = content.messageSignature;
    json.messageSignature = {
      ...(messageDigest && {
        messageDigest: { algorithm: messageDigest.algorithm, digest: encodeBase64(messageDigest.digest) },
      }),
      signature: encodeBase64(signature),
    };
  } else {
    const { payload, payloadType, signatures } = content.dsseEnvelope;
    json.dsseEnvelope = {
      payload: encodeBase64(payload),
      payloadType,
      signatures: signatures.map(({ sig, keyid }) =>
        keyid ? { sig: encodeBase64(sig), keyid } : { sig: encodeBase64(sig) },
      ),
    };
  }
  return json;
}

function serializeSigningMaterial(material: SigningMaterial): BundleJson['verificationMaterial'] {
  switch (material.type) {
    case 'x509CertificateChain':
      return {
        x509CertificateChain: {
          certificates: material.certificates.map((der) => ({ rawBytes: encodeBase64(der) })),
        },
      };
    case 'certificate':
      return { certificate: { rawBytes: encodeBase64(material.certificate) } };
    case 'publicKey':
      // The oneof case must survive even with an empty hint, hence `{}` rather than nothing.
      return { publicKey: material.hint ? { hint: material.hint } : {} };
  }
}

function serializeEntry(entry: TransparencyLogEntry): TransparencyLogEntryJson {
  const { inclusionPromise, inclusionProof } = entry;
  // Built in protobuf-specs field order, optionals only when present.
  return {
    logIndex: String(entry.logIndex),
    logId: { keyId: encodeBase64(entry.logId.keyId) },
    kindVersion: { kind: entry.kindVersion.kind, version: entry.kindVersion.version },
    ...(entry.integratedTime !== 0 && { integratedTime: String(entry.integratedTime) }),
    ...(inclusionPromise && {
      inclusionPromise: { signedEntryTimestamp: encodeBase64(inclusionPromise.signedEntryTimestamp) },
    }),
    ...(inclusionProof && {
      inclusionProof: {
        logIndex: String(inclusionProof.logIndex),
        rootHash: encodeBase64(inclusionProof.rootHash),
        treeSize: String(inclusionProof.treeSize),
        ...(inclusionProof.hashes.length > 0 && {
          hashes: inclusionProof.hashes.map((hash) => encodeBase64(hash)),
        }),
        checkpoint: { envelope: inclusionProof.checkpoint.envelope },
      },
    }),
    canonicalizedBody: encodeBase64(entry.canonicalizedBody),
  };
}
