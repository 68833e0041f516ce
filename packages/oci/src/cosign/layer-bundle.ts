import {
  type BundleJson,
  decodeBase64Strict,
  decodePemBlocks,
  encodeBase64,
  sha256,
  type TransparencyLogEntryJson,
} from '@keyless/core';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { COSIGN_ANNOTATIONS } from '../media-types.js';
import { tlogEntryFromRekorBundle } from './rekor-bundle.js';

const V01_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.1';

function invalid(why: string): OciError {
  return new OciError('ERR_MANIFEST_INVALID', why);
}

/** The verification material a cosign layer's annotations carry, in bundle JSON form. */
function verificationMaterial(annotations: Record<string, string>): BundleJson['verificationMaterial'] {
  const material: BundleJson['verificationMaterial'] = {};
  const certificatePem = annotations[COSIGN_ANNOTATIONS.certificate];
  if (certificatePem) {
    const leaf = decodePemBlocks(certificatePem).find((b) => b.label === 'CERTIFICATE');
    if (!leaf) throw invalid('the certificate annotation holds no PEM certificate');
    // Only the leaf: CA certificates come from the trusted root, and a chain annotation that
    // ends in a root would be refused by the verifier anyway.
    material.x509CertificateChain = { certificates: [{ rawBytes: encodeBase64(leaf.der) }] };
  } else {
    material.publicKey = { hint: '' };
  }
  const entries: TransparencyLogEntryJson[] = [];
  const rekorBundle = annotations[COSIGN_ANNOTATIONS.bundle];
  if (rekorBundle) entries.push(tlogEntryFromRekorBundle(rekorBundle));
  material.tlogEntries = entries;
  const timestamp = annotations[COSIGN_ANNOTATIONS.rfc3161Timestamp];
  if (timestamp) {
    let signed: unknown;
    try {
      signed = (JSON.parse(timestamp) as { SignedRFC3161Timestamp?: unknown }).SignedRFC3161Timestamp;
    } catch {
      throw invalid('the rfc3161timestamp annotation is not JSON');
    }
    if (typeof signed !== 'string' || !decodeBase64Strict(signed)) {
      throw invalid('the rfc3161timestamp annotation has no base64 SignedRFC3161Timestamp');
    }
    material.timestampVerificationData = { rfc3161Timestamps: [{ signedTimestamp: signed }] };
  }
  return material;
}

/**
 * Rebuilds, from a cosign signature layer and its payload, the Sigstore bundle (v0.1, message
 * signature) that `@keyless/verify` checks: the leaf certificate, the signature over the payload
 * bytes, the transparency log entry with its inclusion promise rebuilt from the SET bundle
 * annotation, and the RFC 3161 timestamp when there is one. Verify it with the payload as the
 * artifact. Throws `ERR_MANIFEST_INVALID` for a layer that cannot be one.
 *
 * @example
 * ```ts
 * const bundle = bundleFromSignatureLayer(layer, payload);
 * await verifier.verify(bundle, { artifact: payload }, policy);
 * ```
 */
export function bundleFromSignatureLayer(layer: Descriptor, payload: Uint8Array): BundleJson {
  const annotations = layer.annotations ?? {};
  const signature = annotations[COSIGN_ANNOTATIONS.signature];
  if (!signature || !decodeBase64Strict(signature)) {
    throw invalid('the layer has no base64 dev.cosignproject.cosign/signature annotation');
  }
  return {
    mediaType: V01_MEDIA_TYPE,
    verificationMaterial: verificationMaterial(annotations),
    messageSignature: {
      messageDigest: { algorithm: 'SHA2_256', digest: encodeBase64(sha256(payload)) },
      signature,
    },
  };
}

/**
 * Rebuilds the bundle of a cosign attestation layer (`.att` tag): the DSSE envelope the layer
 * holds, with the same verification material as {@link bundleFromSignatureLayer}.
 */
export function bundleFromAttestationLayer(layer: Descriptor, envelopeBytes: Uint8Array): BundleJson {
  let envelope: { payload?: unknown; payloadType?: unknown; signatures?: unknown };
  try {
    envelope = JSON.parse(new TextDecoder().decode(envelopeBytes)) as typeof envelope;
  } catch {
    throw invalid('the attestation layer is not a JSON DSSE envelope');
  }
  if (
    typeof envelope.payload !== 'string' ||
    typeof envelope.payloadType !== 'string' ||
    !Array.isArray(envelope.signatures)
  ) {
    throw invalid('the attestation layer is not a DSSE envelope (payload, payloadType, signatures)');
  }
  const signatures = (envelope.signatures as Array<{ sig?: unknown; keyid?: unknown }>).map((s) => ({
    sig: typeof s?.sig === 'string' ? s.sig : '',
    keyid: typeof s?.keyid === 'string' ? s.keyid : '',
  }));
  return {
    mediaType: V01_MEDIA_TYPE,
    verificationMaterial: verificationMaterial(layer.annotations ?? {}),
    dsseEnvelope: { payload: envelope.payload, payloadType: envelope.payloadType, signatures },
  };
}
