import {
  BUNDLE_V03_MEDIA_TYPE,
  type Bundle,
  type BundleContent,
  type BundleJson,
  serializeBundle,
} from '@keyless/core';
import type { Witnessed } from './witness.js';

/**
 * The Sigstore bundle v0.3 for a signature: the leaf certificate alone (v0.3 carries no chain),
 * the log entries and the RFC 3161 timestamps, in the JSON form protobuf-specs defines.
 *
 * @example
 * ```ts
 * const json = assembleBundle(leafDer, { type: 'messageSignature', messageSignature }, witnessed);
 * ```
 */
export function assembleBundle(leaf: Uint8Array, content: BundleContent, witnessed: Witnessed): BundleJson {
  const bundle: Bundle = {
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    version: '0.3',
    verificationMaterial: {
      content: { type: 'certificate', certificate: leaf },
      tlogEntries: witnessed.tlogEntries,
      rfc3161Timestamps: witnessed.rfc3161Timestamps,
    },
    content,
  };
  return serializeBundle(bundle);
}
