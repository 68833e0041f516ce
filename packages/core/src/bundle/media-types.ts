import type { BundleVersion } from './types.js';

/** Every bundle media type this library reads, with the version each one denotes. */
export const BUNDLE_MEDIA_TYPES: Readonly<Record<string, BundleVersion>> = Object.freeze({
  'application/vnd.dev.sigstore.bundle+json;version=0.1': '0.1',
  'application/vnd.dev.sigstore.bundle+json;version=0.2': '0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.3': '0.3',
  'application/vnd.dev.sigstore.bundle.v0.3+json': '0.3',
});

/** The media type Keyless writes for new bundles. */
export const BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

export const DSSE_INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
