import { computeDigest } from '../digest/digest.js';
import type { Descriptor } from '../manifest/types.js';
import { OCI_IMAGE_CONFIG, OCI_MANIFEST } from '../media-types.js';
import { goJsonString, goJsonStringMap } from './go-json.js';

const encoder = new TextEncoder();
/** go-containerregistry's zero time, which cosign's signature images carry. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The manifest and config blob of a signature image, ready to push. */
export interface SignatureImage {
  manifest: Uint8Array;
  mediaType: string;
  config: Uint8Array;
  configDescriptor: Descriptor;
}

/**
 * The image config cosign gives a signature image: empty platform, zero timestamps, one history
 * entry and one `diff_id` (the layer digest) per signature layer.
 */
export function signatureImageConfig(layers: readonly Descriptor[]): Uint8Array {
  const history = layers.map(() => `{"created":"${ZERO_TIME}"}`).join(',');
  const diffIds = layers.map((l) => goJsonString(l.digest)).join(',');
  return encoder.encode(
    `{"architecture":"","created":"${ZERO_TIME}","history":[${history}],"os":"",` +
      `"rootfs":{"type":"layers","diff_ids":[${diffIds}]},"config":{}}`,
  );
}

/** A descriptor in go-containerregistry's field order, annotations sorted as Go sorts map keys. */
function descriptorJson(d: Descriptor): string {
  const parts = [
    `"mediaType":${goJsonString(d.mediaType)}`,
    `"size":${d.size}`,
    `"digest":${goJsonString(d.digest)}`,
  ];
  if (d.annotations && Object.keys(d.annotations).length > 0) {
    parts.push(`"annotations":${goJsonStringMap(d.annotations)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The `.sig` manifest for a list of signature layers, as cosign writes it: an OCI image manifest
 * whose config lists the layers, one layer per signature.
 *
 * @example
 * ```ts
 * const image = signatureImage([layer]);
 * await store.putBlob(image.config, OCI_IMAGE_CONFIG);
 * await store.putManifest(image.manifest, image.mediaType, signatureTag(digest));
 * ```
 */
export function signatureImage(layers: readonly Descriptor[]): SignatureImage {
  const config = signatureImageConfig(layers);
  const configDescriptor: Descriptor = {
    mediaType: OCI_IMAGE_CONFIG,
    size: config.byteLength,
    digest: computeDigest(config),
  };
  const manifest = encoder.encode(
    `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","config":${descriptorJson(configDescriptor)},` +
      `"layers":[${layers.map(descriptorJson).join(',')}]}`,
  );
  return { manifest, mediaType: OCI_MANIFEST, config, configDescriptor };
}

/** Whether two layers are the same signature: same payload and same signature value. */
export function sameSignature(a: Descriptor, b: Descriptor, signatureKey: string): boolean {
  return (
    a.digest === b.digest && (a.annotations?.[signatureKey] ?? '') === (b.annotations?.[signatureKey] ?? '')
  );
}
