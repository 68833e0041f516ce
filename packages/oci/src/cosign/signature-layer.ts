import { type Bundle, encodeBase64, encodePem } from '@keyless/core';
import { OciError } from '../errors.js';
import { COSIGN_ANNOTATIONS } from '../media-types.js';
import { rekorBundleAnnotation } from './rekor-bundle.js';

/** The leaf certificate of a bundle (v0.3 `certificate`, or the first of a v0.1/v0.2 chain). */
export function leafCertificate(bundle: Bundle): Uint8Array | undefined {
  const content = bundle.verificationMaterial.content;
  if (content.type === 'certificate') return content.certificate;
  if (content.type === 'x509CertificateChain') return content.certificates[0];
  return undefined;
}

/** PEM blocks joined the way cosign writes `dev.sigstore.cosign/chain`: no newline after the last. */
function pemChain(certificates: readonly Uint8Array[]): string {
  return certificates
    .map((der) => encodePem('CERTIFICATE', der))
    .join('')
    .replace(/\n$/, '');
}

/**
 * The layer annotations cosign puts on a signature (or attestation) layer, from a signed bundle:
 * `signature` (base64; empty for a DSSE envelope, whose signature is inside the layer),
 * `certificate` (PEM), `chain` (the CA certificates above the leaf, PEM), `bundle` (the Rekor
 * SET bundle) and, when a TSA was used, `rfc3161timestamp`.
 *
 * @example
 * ```ts
 * const annotations = cosignLayerAnnotations(parseBundle(result.bundle), result.certificateChain.slice(1));
 * ```
 */
export function cosignLayerAnnotations(bundle: Bundle, chain: readonly Uint8Array[]): Record<string, string> {
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry) {
    throw new OciError(
      'ERR_SIGNING',
      'the signature has no transparency log entry, which cosign verifiers require',
    );
  }
  const annotations: Record<string, string> = {
    [COSIGN_ANNOTATIONS.signature]:
      bundle.content.type === 'messageSignature'
        ? encodeBase64(bundle.content.messageSignature.signature)
        : '',
  };
  const leaf = leafCertificate(bundle);
  if (leaf) {
    annotations[COSIGN_ANNOTATIONS.certificate] = encodePem('CERTIFICATE', leaf);
    if (chain.length > 0) annotations[COSIGN_ANNOTATIONS.chain] = pemChain(chain);
  }
  annotations[COSIGN_ANNOTATIONS.bundle] = rekorBundleAnnotation(entry);
  const timestamp = bundle.verificationMaterial.rfc3161Timestamps[0];
  if (timestamp) {
    annotations[COSIGN_ANNOTATIONS.rfc3161Timestamp] = JSON.stringify({
      SignedRFC3161Timestamp: encodeBase64(timestamp),
    });
  }
  return annotations;
}
