import type { VerificationPolicy, VerificationResult, Verifier } from '@keyless/verify';
import { bundleFromAttestationLayer } from '../cosign/layer-bundle.js';
import { attestationTag } from '../cosign/tags.js';
import { OciError } from '../errors.js';
import { parseStatement } from '../in-toto/statement.js';
import type { Descriptor } from '../manifest/types.js';
import { COSIGN_SIGN_PREDICATE_TYPE, DSSE_ENVELOPE, SIGSTORE_BUNDLE_V03 } from '../media-types.js';
import { listReferrers } from '../referrers/referrers.js';
import { PREDICATE_TYPE_ANNOTATION } from '../sign/attest-image.js';
import type { SignatureFormat } from '../sign/pipeline.js';
import type { ImageStore } from '../store/image-store.js';
import { resolveImage } from '../store/resolve.js';
import { BlobCache } from './blob-cache.js';
import { isBroken } from './broken.js';
import { announcedPredicateType, verifyBundleReferrer } from './bundle-signatures.js';
import { mapLimit } from './map-limit.js';
import type { RejectedSignature } from './types.js';

/** Settings of {@link verifyImageAttestations}. */
export interface VerifyAttestationsOptions {
  /** Only attestations of this predicate type (a URI). Default: every type but cosign's signature type. */
  predicateType?: string;
  signatureStore?: ImageStore;
  formats?: readonly SignatureFormat[];
  concurrency?: number;
  onWarning?: (message: string) => void;
}

/** One attestation that verified. */
export interface VerifiedAttestation {
  format: SignatureFormat;
  source: string;
  predicateType: string;
  /** The in-toto statement, parsed. */
  statement: Record<string, unknown>;
  verification: VerificationResult;
}

/** What {@link verifyImageAttestations} found. */
export interface AttestationVerificationResult {
  image: Descriptor;
  attestations: VerifiedAttestation[];
  rejected: RejectedSignature[];
  warnings: string[];
}

/** The predicate type an envelope's payload claims, before any verification. */
function claimedPredicateType(envelope: Uint8Array): string | undefined {
  try {
    const { payload } = JSON.parse(new TextDecoder().decode(envelope)) as { payload?: unknown };
    if (typeof payload !== 'string') return undefined;
    const type = parseStatement(Buffer.from(payload, 'base64'))?.predicateType;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

type Outcome = { ok: VerifiedAttestation } | { rejected: RejectedSignature } | undefined;

/**
 * Finds an image's attestations (cosign's `.att` tag and Sigstore bundle referrers) and verifies
 * each under `policy`; the image digest must be a subject of the statement. Rejects like
 * `verifyImage`: `ERR_NO_SIGNATURES` when there are none (of the type), `ERR_NO_MATCHING_SIGNATURE`
 * when none verifies.
 *
 * @example
 * ```ts
 * const { attestations } = await verifyImageAttestations(store, lookup, verifier, policy,
 *   { predicateType: 'https://slsa.dev/provenance/v1' });
 * ```
 */
export async function verifyImageAttestations(
  store: ImageStore,
  reference: string,
  verifier: Verifier,
  policy: VerificationPolicy,
  options: VerifyAttestationsOptions = {},
): Promise<AttestationVerificationResult> {
  const image = await resolveImage(store, reference);
  const source = options.signatureStore ?? store;
  const formats = options.formats ?? ['cosign', 'bundle'];
  const concurrency = options.concurrency ?? 8;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const blobs = new BlobCache(source);
  const wanted = (type: string) =>
    options.predicateType !== undefined
      ? type === options.predicateType
      : type !== COSIGN_SIGN_PREDICATE_TYPE;

  async function cosignFormat(): Promise<Outcome[]> {
    const tag = attestationTag(image.digest);
    let manifest: Awaited<ReturnType<ImageStore['getManifest']>>;
    try {
      manifest = await source.getManifest(tag);
    } catch (error) {
      if (
        !(error instanceof OciError) ||
        error.code === 'ERR_REGISTRY' ||
        error.code.startsWith('ERR_REGISTRY_')
      )
        throw error;
      warn(`skipping ${source.name}:${tag}: ${error.message}`);
      return [];
    }
    if (!manifest) return [];
    if (manifest.parsed.kind !== 'manifest') {
      warn(`skipping ${source.name}:${tag}: it is not an image manifest`);
      return [];
    }
    return mapLimit(manifest.parsed.manifest.layers, concurrency, async (layer, i): Promise<Outcome> => {
      const where = `${tag} layer ${i + 1}`;
      if (layer.mediaType !== DSSE_ENVELOPE) {
        warn(`skipping ${where}: media type ${layer.mediaType} is not a DSSE envelope`);
        return undefined;
      }
      const announced = layer.annotations?.[PREDICATE_TYPE_ANNOTATION];
      if (announced !== undefined && !wanted(announced)) return undefined;
      try {
        const envelope = await blobs.get(layer.digest);
        if (!envelope)
          throw new OciError('ERR_BLOB_NOT_FOUND', `the envelope blob ${layer.digest} is missing`);
        // Unauthenticated, used only to pass over attestations of other types without verifying them.
        const claimed = claimedPredicateType(envelope);
        if (claimed !== undefined && !wanted(claimed)) return undefined;
        const bundle = bundleFromAttestationLayer(layer, envelope);
        const verification = await verifier.verify(bundle, { digest: image.digest }, policy);
        const statement =
          verification.content.type === 'dsse' ? parseStatement(verification.content.payload) : undefined;
        if (!statement)
          throw new OciError('ERR_MANIFEST_INVALID', `${where} does not hold an in-toto statement`);
        const predicateType = typeof statement.predicateType === 'string' ? statement.predicateType : '';
        if (!wanted(predicateType)) return undefined;
        return {
          ok: {
            format: 'cosign',
            source: where,
            predicateType,
            statement: statement as Record<string, unknown>,
            verification,
          },
        };
      } catch (error) {
        if (isBroken(error)) warn(`skipping ${where}: ${(error as Error).message}`);
        return { rejected: { format: 'cosign', source: where, error: error as Error } };
      }
    });
  }

  async function bundleFormat(): Promise<Outcome[]> {
    const referrers = await listReferrers(source, image.digest, SIGSTORE_BUNDLE_V03);
    const context = { store: source, imageDigest: image.digest, verifier, policy, blobs };
    return mapLimit(referrers, concurrency, async (referrer): Promise<Outcome> => {
      const announced = announcedPredicateType(referrer);
      if (announced !== undefined && !wanted(announced)) return undefined;
      const where = `referrer ${referrer.digest}`;
      try {
        const verified = await verifyBundleReferrer(referrer, context);
        if (!wanted(verified.predicateType)) return undefined;
        return {
          ok: {
            format: 'bundle',
            source: where,
            predicateType: verified.predicateType,
            statement: verified.statement,
            verification: verified.verification,
          },
        };
      } catch (error) {
        if (isBroken(error)) warn(`skipping ${where}: ${(error as Error).message}`);
        return { rejected: { format: 'bundle', source: where, error: error as Error } };
      }
    });
  }

  const outcomes = (
    await Promise.all([
      formats.includes('cosign') ? cosignFormat() : [],
      formats.includes('bundle') ? bundleFormat() : [],
    ])
  ).flat();
  const attestations: VerifiedAttestation[] = [];
  const rejected: RejectedSignature[] = [];
  for (const outcome of outcomes) {
    if (outcome && 'ok' in outcome) attestations.push(outcome.ok);
    else if (outcome) rejected.push(outcome.rejected);
  }
  const what = options.predicateType ? `attestations of type ${options.predicateType}` : 'attestations';
  if (attestations.length === 0 && rejected.length === 0) {
    throw new OciError('ERR_NO_SIGNATURES', `no ${what} found for ${store.name}@${image.digest}`);
  }
  if (attestations.length === 0) {
    const reasons = rejected
      .slice(0, 3)
      .map((r) => `${r.source}: ${r.error.message}`)
      .join('; ');
    throw new OciError(
      'ERR_NO_MATCHING_SIGNATURE',
      `none of the ${rejected.length} ${what} of ${store.name}@${image.digest} verifies: ${reasons}`,
      {
        cause: rejected[0]!.error,
      },
    );
  }
  return { image, attestations, rejected, warnings };
}
