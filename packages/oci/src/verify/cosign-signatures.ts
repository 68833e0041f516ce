import type { VerificationPolicy, Verifier } from '@keyless/verify';
import { bundleFromSignatureLayer } from '../cosign/layer-bundle.js';
import { COSIGN_SIGNATURE_TYPE, parseSimpleSigningPayload } from '../cosign/simple-signing.js';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { COSIGN_SIMPLESIGNING } from '../media-types.js';
import type { BlobCache } from './blob-cache.js';
import { assertAnnotations } from './claims.js';
import type { SignedClaims, VerifiedSignature } from './types.js';

/** What verifying one cosign signature layer needs. */
export interface CosignLayerContext {
  imageDigest: string;
  verifier: Verifier;
  policy: VerificationPolicy;
  blobs: BlobCache;
  annotations: Readonly<Record<string, string>>;
  dockerReference?: string;
}

/** Whether a layer of a `.sig` manifest is a cosign signature at all (others are skipped). */
export function isSignatureLayer(layer: Descriptor): boolean {
  return layer.mediaType === COSIGN_SIMPLESIGNING;
}

/**
 * Verifies one cosign signature layer: fetches its payload (digest-checked), rebuilds the bundle
 * the layer's annotations describe and verifies it with `@keyless/verify` under the policy, then
 * checks the signed claims: type, `docker-manifest-digest` equal to the image digest,
 * `docker-reference` when asked, and the expected annotations.
 */
export async function verifyCosignLayer(
  layer: Descriptor,
  source: string,
  context: CosignLayerContext,
): Promise<VerifiedSignature> {
  const payload = await context.blobs.get(layer.digest);
  if (!payload)
    throw new OciError('ERR_BLOB_NOT_FOUND', `the payload blob ${layer.digest} of ${source} is missing`);
  const bundle = bundleFromSignatureLayer(layer, payload);
  const verification = await context.verifier.verify(bundle, { artifact: payload }, context.policy);
  const signed = parseSimpleSigningPayload(payload);
  const claimChecks: string[] = [];
  if (signed.type !== COSIGN_SIGNATURE_TYPE) {
    throw new OciError(
      'ERR_PAYLOAD_MISMATCH',
      `the payload type is "${signed.type}", not "${COSIGN_SIGNATURE_TYPE}"`,
    );
  }
  if (signed.manifestDigest !== context.imageDigest) {
    throw new OciError(
      'ERR_PAYLOAD_MISMATCH',
      `the payload signs ${signed.manifestDigest}, not the image ${context.imageDigest}`,
    );
  }
  claimChecks.push(`payload signs the image digest ${context.imageDigest}`);
  if (context.dockerReference !== undefined) {
    if (signed.dockerReference !== context.dockerReference) {
      throw new OciError(
        'ERR_PAYLOAD_MISMATCH',
        `the payload names ${signed.dockerReference || 'no repository'}, not ${context.dockerReference}`,
      );
    }
    claimChecks.push(`payload names the repository ${context.dockerReference}`);
  }
  claimChecks.push(...assertAnnotations(signed.optional, context.annotations));
  const claims: SignedClaims = {
    critical: {
      identity: { 'docker-reference': signed.dockerReference },
      image: { 'docker-manifest-digest': signed.manifestDigest },
      type: signed.type,
    },
    optional: signed.optional,
  };
  return { format: 'cosign', source, verification, claims, claimChecks };
}
