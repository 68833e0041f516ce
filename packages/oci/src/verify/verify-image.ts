import type { VerificationPolicy, Verifier } from '@keyless/verify';
import { signatureTag } from '../cosign/tags.js';
import { OciError } from '../errors.js';
import type { Descriptor, StoredManifest } from '../manifest/types.js';
import { COSIGN_SIGN_PREDICATE_TYPE, SIGSTORE_BUNDLE_V03 } from '../media-types.js';
import { listReferrers } from '../referrers/referrers.js';
import type { SignatureFormat } from '../sign/pipeline.js';
import type { ImageStore } from '../store/image-store.js';
import { resolveImage } from '../store/resolve.js';
import { BlobCache } from './blob-cache.js';
import { isBroken } from './broken.js';
import { announcedPredicateType, verifyBundleReferrer } from './bundle-signatures.js';
import { assertAnnotations } from './claims.js';
import { isSignatureLayer, verifyCosignLayer } from './cosign-signatures.js';
import { mapLimit } from './map-limit.js';
import type {
  ImageVerificationResult,
  RejectedSignature,
  VerifiedSignature,
  VerifyImageOptions,
} from './types.js';

type Outcome = { ok: VerifiedSignature } | { rejected: RejectedSignature } | undefined;

function describe(error: unknown): Error & { code?: string } {
  return error instanceof Error ? error : new Error(String(error));
}

/** Reads a manifest that may be broken: a broken one is a warning, never a crash. */
async function readOptional(
  store: ImageStore,
  reference: string,
  warn: (m: string) => void,
): Promise<StoredManifest | undefined> {
  try {
    return await store.getManifest(reference);
  } catch (error) {
    if (isBroken(error)) {
      warn(`skipping ${store.name}:${reference}: ${(error as Error).message}`);
      return undefined;
    }
    throw error;
  }
}

/** The summary of why nothing verified, for the error message. */
function summarize(rejected: readonly RejectedSignature[]): string {
  const shown = rejected.slice(0, 3).map((r) => `${r.source}: ${r.error.message}`);
  const more = rejected.length > 3 ? `; and ${rejected.length - 3} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Finds an image's signatures in both formats (cosign's `.sig` tag and Sigstore bundle
 * referrers) and verifies each under `policy` with `verifier`; the image digest, signature type
 * and expected annotations are checked against the signed claims. Foreign or broken layers and
 * referrers are skipped with a warning.
 *
 * Resolves when at least one signature verifies. Rejects with `ERR_IMAGE_NOT_FOUND`,
 * `ERR_NO_SIGNATURES` (none found) or `ERR_NO_MATCHING_SIGNATURE` (none verified; the message
 * says why, the first failure is the `cause`).
 *
 * @example
 * ```ts
 * const verifier = await createVerifier({ trustedRoot });
 * const { store, lookup } = await openImage('ghcr.io/acme/app:1.0');
 * const result = await verifyImage(store, lookup, verifier,
 *   { identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0', issuer: 'https://token.actions.githubusercontent.com' });
 * console.log(JSON.stringify(result.signatures.map((s) => s.claims)));
 * ```
 */
export async function verifyImage(
  store: ImageStore,
  reference: string,
  verifier: Verifier,
  policy: VerificationPolicy,
  options: VerifyImageOptions = {},
): Promise<ImageVerificationResult> {
  const image = await resolveImage(store, reference);
  const source = options.signatureStore ?? store;
  const formats: readonly SignatureFormat[] = options.formats ?? ['cosign', 'bundle'];
  const annotations = options.annotations ?? {};
  const concurrency = options.concurrency ?? 8;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const blobs = new BlobCache(source);

  const [cosignOutcomes, bundleOutcomes] = await Promise.all([
    formats.includes('cosign') ? verifyCosignFormat() : [],
    formats.includes('bundle') ? verifyBundleFormat() : [],
  ]);

  async function verifyCosignFormat(): Promise<Outcome[]> {
    const tag = signatureTag(image.digest);
    const manifest = await readOptional(source, tag, warn);
    if (!manifest) return [];
    if (manifest.parsed.kind !== 'manifest') {
      warn(`skipping ${source.name}:${tag}: it is an image index, not a signature manifest`);
      return [];
    }
    const context = {
      imageDigest: image.digest,
      verifier,
      policy,
      blobs,
      annotations,
      ...(options.dockerReference !== undefined ? { dockerReference: options.dockerReference } : {}),
    };
    return mapLimit(manifest.parsed.manifest.layers, concurrency, async (layer, i): Promise<Outcome> => {
      const where = `${tag} layer ${i + 1}`;
      if (!isSignatureLayer(layer)) {
        warn(`skipping ${where}: media type ${layer.mediaType} is not a cosign signature`);
        return undefined;
      }
      try {
        return { ok: await verifyCosignLayer(layer, where, context) };
      } catch (error) {
        if (isBroken(error)) warn(`skipping ${where}: ${(error as Error).message}`);
        return { rejected: { format: 'cosign', source: where, error: describe(error) } };
      }
    });
  }

  async function verifyBundleFormat(): Promise<Outcome[]> {
    let referrers: Descriptor[];
    try {
      referrers = await listReferrers(source, image.digest, SIGSTORE_BUNDLE_V03);
    } catch (error) {
      if (error instanceof OciError && error.code === 'ERR_MANIFEST_INVALID') {
        warn(`skipping the referrers of ${image.digest}: ${error.message}`);
        return [];
      }
      throw error;
    }
    const context = { store: source, imageDigest: image.digest, verifier, policy, blobs };
    return mapLimit(referrers, concurrency, async (referrer): Promise<Outcome> => {
      const announced = announcedPredicateType(referrer);
      if (announced !== undefined && announced !== COSIGN_SIGN_PREDICATE_TYPE) return undefined;
      const where = `referrer ${referrer.digest}`;
      try {
        const verified = await verifyBundleReferrer(referrer, context);
        // Attestations share the artifact type; only the cosign signature predicate is a signature.
        if (verified.predicateType !== COSIGN_SIGN_PREDICATE_TYPE) return undefined;
        const signed = verified.subject.annotations ?? {};
        const claimChecks = [
          `statement subject is the image digest ${image.digest}`,
          ...assertAnnotations(signed, annotations),
        ];
        return {
          ok: {
            format: 'bundle',
            source: where,
            verification: verified.verification,
            claims: {
              critical: {
                identity: { 'docker-reference': options.dockerReference ?? store.name },
                image: { 'docker-manifest-digest': image.digest },
                type: verified.predicateType,
              },
              optional: signed,
            },
            claimChecks,
          },
        };
      } catch (error) {
        if (isBroken(error)) warn(`skipping ${where}: ${(error as Error).message}`);
        return { rejected: { format: 'bundle', source: where, error: describe(error) } };
      }
    });
  }

  const signatures: VerifiedSignature[] = [];
  const rejected: RejectedSignature[] = [];
  for (const outcome of [...cosignOutcomes, ...bundleOutcomes]) {
    if (outcome && 'ok' in outcome) signatures.push(outcome.ok);
    else if (outcome) rejected.push(outcome.rejected);
  }
  if (signatures.length === 0) {
    if (rejected.length === 0) {
      const skipped =
        warnings.length > 0
          ? ` (${warnings.length} unusable layer${warnings.length === 1 ? '' : 's'} skipped)`
          : '';
      throw new OciError(
        'ERR_NO_SIGNATURES',
        `no signatures found for ${store.name}@${image.digest}${skipped}`,
      );
    }
    throw new OciError(
      'ERR_NO_MATCHING_SIGNATURE',
      `none of the ${rejected.length} signature${rejected.length === 1 ? '' : 's'} of ${store.name}@${image.digest} verifies: ${summarize(rejected)}`,
      { cause: rejected[0]!.error },
    );
  }
  return { image, signatures, rejected, warnings };
}
