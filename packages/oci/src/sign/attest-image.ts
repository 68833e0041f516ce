import { DSSE_INTOTO_PAYLOAD_TYPE, encodeBase64, parseBundle } from '@keyless/core';
import type { SigningResult } from '@keyless/sign';
import { attachCosignLayer } from '../cosign/attach-layer.js';
import { cosignLayerAnnotations } from '../cosign/signature-layer.js';
import { attestationTag } from '../cosign/tags.js';
import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { DSSE_ENVELOPE } from '../media-types.js';
import { attachBundle } from '../referrers/bundle-referrer.js';
import type { ImageStore } from '../store/image-store.js';
import { resolveImage } from '../store/resolve.js';
import type { TagUpdateOptions } from '../store/update-tag.js';
import { DEFAULT_SIGNATURE_FORMAT, type ImageSigningPipeline, type SignatureFormat } from './pipeline.js';
import { imageAttestationStatement } from './statement.js';

const encoder = new TextEncoder();

/** The layer annotation cosign adds to an `.att` layer to say what it attests. */
export const PREDICATE_TYPE_ANNOTATION = 'predicateType';

/** Settings of {@link attestImage}. */
export interface AttestImageOptions {
  /** `cosign` (`.att` tag, the default) or `bundle` (a Sigstore bundle v0.3 referrer). */
  format?: SignatureFormat;
  /** Where the attestation goes when not beside the image (`KEYLESS_REPOSITORY`). */
  signatureStore?: ImageStore;
  /** The in-toto subject's name. Default: the store's name. */
  subjectName?: string;
  update?: TagUpdateOptions;
}

/** What {@link attestImage} signed and where it put it. */
export interface AttestImageResult {
  image: Descriptor;
  resolvedTag?: string;
  format: SignatureFormat;
  /** The signed in-toto statement. */
  statement: Uint8Array;
  signing: SigningResult;
  stored: { store: string; location: string; added: boolean };
}

/**
 * Attests an image: an in-toto statement about its digest carrying `predicate` of
 * `predicateType`, signed in a DSSE envelope, stored as cosign does (a layer of the
 * `sha256-<hex>.att` manifest) or as a Sigstore bundle v0.3 referrer.
 *
 * @example
 * ```ts
 * await attestImage(store, 'sha256:…', pipeline, provenance, 'https://slsa.dev/provenance/v1');
 * ```
 */
export async function attestImage(
  store: ImageStore,
  reference: string,
  pipeline: ImageSigningPipeline,
  predicate: unknown,
  predicateType: string,
  options: AttestImageOptions = {},
): Promise<AttestImageResult> {
  const format = options.format ?? DEFAULT_SIGNATURE_FORMAT;
  const image = await resolveImage(store, reference);
  const target = options.signatureStore ?? store;
  const statement = imageAttestationStatement(
    options.subjectName ?? store.name,
    image.digest,
    predicateType,
    predicate,
  );
  const signing = await pipeline.signDsse(statement, DSSE_INTOTO_PAYLOAD_TYPE);
  const resolvedTag = parseDigest(reference) ? undefined : reference;
  const base = { image, format, statement, signing, ...(resolvedTag ? { resolvedTag } : {}) };
  if (format === 'cosign') {
    const bundle = parseBundle(signing.bundle);
    if (bundle.content.type !== 'dsseEnvelope') {
      throw new OciError(
        'ERR_SIGNING',
        'the signing pipeline answered a DSSE request with a message signature',
      );
    }
    const envelope = bundle.content.dsseEnvelope;
    const envelopeJson = JSON.stringify({
      payloadType: envelope.payloadType,
      payload: encodeBase64(envelope.payload),
      signatures: envelope.signatures.map((s) => ({ keyid: s.keyid, sig: encodeBase64(s.sig) })),
    });
    const annotations = {
      ...cosignLayerAnnotations(bundle, signing.certificateChain.slice(1)),
      [PREDICATE_TYPE_ANNOTATION]: predicateType,
    };
    const tag = attestationTag(image.digest);
    const attached = await attachCosignLayer(
      target,
      tag,
      encoder.encode(envelopeJson),
      DSSE_ENVELOPE,
      annotations,
      options.update,
    );
    return { ...base, stored: { store: target.name, location: tag, added: attached.added } };
  }
  const pushed = await attachBundle(
    target,
    image,
    encoder.encode(JSON.stringify(signing.bundle)),
    { content: 'dsse-envelope', predicateType },
    options.update,
  );
  return { ...base, stored: { store: target.name, location: pushed.descriptor.digest, added: true } };
}
