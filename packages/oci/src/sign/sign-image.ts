import { DSSE_INTOTO_PAYLOAD_TYPE, parseBundle } from '@keyless/core';
import type { SigningResult } from '@keyless/sign';
import { attachCosignLayer } from '../cosign/attach-layer.js';
import { cosignLayerAnnotations } from '../cosign/signature-layer.js';
import { simpleSigningPayload } from '../cosign/simple-signing.js';
import { signatureTag } from '../cosign/tags.js';
import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { COSIGN_SIGN_PREDICATE_TYPE, COSIGN_SIMPLESIGNING } from '../media-types.js';
import { attachBundle } from '../referrers/bundle-referrer.js';
import type { ImageStore } from '../store/image-store.js';
import { resolveImage } from '../store/resolve.js';
import type { TagUpdateOptions } from '../store/update-tag.js';
import { DEFAULT_SIGNATURE_FORMAT, type ImageSigningPipeline, type SignatureFormat } from './pipeline.js';
import { imageSignatureStatement } from './statement.js';

const encoder = new TextEncoder();

/** Settings of {@link signImage}. */
export interface SignImageOptions {
  /** `cosign` (`.sig` tag, the default) or `bundle` (a Sigstore bundle v0.3 referrer). */
  format?: SignatureFormat;
  /** Claims added to the signed payload (`-a key=value`); verifiers can require them. */
  annotations?: Record<string, string>;
  /** Where the signature goes when not beside the image (`KEYLESS_REPOSITORY`). */
  signatureStore?: ImageStore;
  /**
   * The repository name recorded as the payload's `docker-reference`. Default: the store's name
   * (`registry/repository`, as cosign records it).
   */
  dockerReference?: string;
  /** Tuning of the concurrency-safe tag update. */
  update?: TagUpdateOptions;
}

/** What {@link signImage} signed and where it put the signature. */
export interface SignImageResult {
  /** The signed manifest. */
  image: Descriptor;
  /** The tag `reference` was, when it was one: the signature covers what it pointed at just now. */
  resolvedTag?: string;
  format: SignatureFormat;
  /** The signed bytes: the simplesigning payload, or the in-toto statement. */
  payload: Uint8Array;
  /** The signing pipeline's result (bundle, certificate chain, identity, self-verification). */
  signing: SigningResult;
  /** Where the signature is stored. */
  stored: {
    store: string;
    /** `.sig` tag (cosign format) or referrer manifest digest (bundle format). */
    location: string;
    /** False when an identical signature was already there. */
    added: boolean;
  };
}

function checkAnnotations(annotations: Record<string, string>): void {
  for (const [key, value] of Object.entries(annotations)) {
    if (key === '' || typeof value !== 'string') {
      throw new OciError(
        'ERR_INVALID_INPUT',
        `annotation "${key}" must be a non-empty key with a string value`,
      );
    }
  }
}

/**
 * Signs an image keylessly and stores the signature beside it: resolves `reference` (tag or
 * digest) to the manifest digest, signs it with the pipeline, and stores the result as cosign
 * does: a layer of the `sha256-<hex>.sig` manifest (format `cosign`), or a Sigstore bundle v0.3
 * referrer (format `bundle`). Concurrent signers keep every signature.
 *
 * @example
 * ```ts
 * const { store, lookup } = await openImage('localhost:5000/app:1.0', { access: 'pull,push' });
 * const result = await signImage(store, lookup, pipeline, { annotations: { env: 'prod' } });
 * if (result.resolvedTag) console.warn(`signed the digest ${result.image.digest} that tag ${result.resolvedTag} points to`);
 * ```
 */
export async function signImage(
  store: ImageStore,
  reference: string,
  pipeline: ImageSigningPipeline,
  options: SignImageOptions = {},
): Promise<SignImageResult> {
  const format = options.format ?? DEFAULT_SIGNATURE_FORMAT;
  const annotations = options.annotations ?? {};
  checkAnnotations(annotations);
  const image = await resolveImage(store, reference);
  const target = options.signatureStore ?? store;
  const resolvedTag = parseDigest(reference) ? undefined : reference;
  const base = { image, format, ...(resolvedTag ? { resolvedTag } : {}) };

  if (format === 'cosign') {
    const payload = simpleSigningPayload(options.dockerReference ?? store.name, image.digest, annotations);
    const signing = await pipeline.signMessage(payload);
    const layerAnnotations = cosignLayerAnnotations(
      parseBundle(signing.bundle),
      signing.certificateChain.slice(1),
    );
    const tag = signatureTag(image.digest);
    const attached = await attachCosignLayer(
      target,
      tag,
      payload,
      COSIGN_SIMPLESIGNING,
      layerAnnotations,
      options.update,
    );
    return {
      ...base,
      payload,
      signing,
      stored: { store: target.name, location: tag, added: attached.added },
    };
  }

  const payload = imageSignatureStatement(image.digest, annotations);
  const signing = await pipeline.signDsse(payload, DSSE_INTOTO_PAYLOAD_TYPE);
  const pushed = await attachBundle(
    target,
    image,
    encoder.encode(JSON.stringify(signing.bundle)),
    { content: 'dsse-envelope', predicateType: COSIGN_SIGN_PREDICATE_TYPE },
    options.update,
  );
  return {
    ...base,
    payload,
    signing,
    stored: { store: target.name, location: pushed.descriptor.digest, added: true },
  };
}
