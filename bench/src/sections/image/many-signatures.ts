import { parseBundle } from '@keyless/core';
import {
  COSIGN_SIMPLESIGNING,
  cosignLayerAnnotations,
  type Descriptor,
  type ImageStore,
  OCI_IMAGE_CONFIG,
  signatureImage,
  signatureTag,
  signingConfigForFormat,
  simpleSigningPayload,
} from '@keyless/oci';
import type { BenchStack } from '../../stack/dev-stack.js';

/** One cosign signature: its simplesigning payload and the annotations of its layer. */
export interface CosignSignature {
  payload: Uint8Array;
  annotations: Record<string, string>;
}

/** Signatures made at once; the dev stack shares this process, so more would only queue. */
const IN_FLIGHT = 4;

/**
 * Makes `count` cosign signatures of the image `digest`, each by a new signing pipeline (its own
 * key, certificate, Rekor v1 entry and timestamp, as separate `cosign sign` runs would make them),
 * each over a payload of its own (an annotation numbers it).
 */
export async function makeCosignSignatures(
  bench: BenchStack,
  dockerReference: string,
  digest: string,
  count: number,
): Promise<CosignSignature[]> {
  const config = signingConfigForFormat(bench.signingConfig, 'cosign');
  const signatures: CosignSignature[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const payload = simpleSigningPayload(dockerReference, digest, { 'bench-signature': String(i + 1) });
      const signed = await (await bench.pipeline(config)).signMessage(payload);
      const annotations = cosignLayerAnnotations(
        parseBundle(signed.bundle),
        signed.certificateChain.slice(1),
      );
      signatures[i] = { payload, annotations };
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return signatures;
}

/**
 * Stores the signatures under the image's `sha256-<hex>.sig` tag as one manifest with a layer
 * each: what `count` cosign runs leave behind, written in one go.
 */
export async function attachCosignSignatures(
  store: ImageStore,
  digest: string,
  signatures: readonly CosignSignature[],
): Promise<void> {
  const layers: Descriptor[] = [];
  for (const { payload, annotations } of signatures) {
    const blob = await store.putBlob(payload, COSIGN_SIMPLESIGNING);
    layers.push({ mediaType: COSIGN_SIMPLESIGNING, size: blob.size, digest: blob.digest, annotations });
  }
  const image = signatureImage(layers);
  await store.putBlob(image.config, OCI_IMAGE_CONFIG);
  await store.putManifest(image.manifest, image.mediaType, signatureTag(digest));
}
