import { attestationTag, sbomTag, signatureTag } from '../cosign/tags.js';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { readFallbackIndex } from '../referrers/fallback-index.js';
import type { ImageStore } from '../store/image-store.js';
import { resolveImage } from '../store/resolve.js';

/** One cosign attachment tag and what it holds. */
export interface AttachedTag {
  kind: 'signatures' | 'attestations' | 'sbom';
  tag: string;
  manifest: Descriptor;
  /** The layers (one per signature, attestation or SBOM part). */
  layers: Descriptor[];
}

/** Everything attached to an image. */
export interface AttachedArtifacts {
  image: Descriptor;
  /** cosign's `.sig`, `.att` and `.sbom` tags that exist. */
  tags: AttachedTag[];
  /** The image's referrers (any artifact type). */
  referrers: Descriptor[];
  /** Where the referrers came from: the registry's API, or the `sha256-<hex>` fallback index. */
  referrersVia: 'api' | 'fallback';
  /** Attachments that could not be read. */
  warnings: string[];
}

/**
 * Lists what is attached to an image, for `keyless tree`: cosign's signature, attestation and
 * SBOM tags with their layers, and the image's referrers.
 *
 * @example
 * ```ts
 * const { tags, referrers } = await listAttached(store, 'latest');
 * ```
 */
export async function listAttached(
  store: ImageStore,
  reference: string,
  options: { signatureStore?: ImageStore } = {},
): Promise<AttachedArtifacts> {
  const image = await resolveImage(store, reference);
  const source = options.signatureStore ?? store;
  const warnings: string[] = [];
  const kinds = [
    ['signatures', signatureTag(image.digest)],
    ['attestations', attestationTag(image.digest)],
    ['sbom', sbomTag(image.digest)],
  ] as const;
  const found = await Promise.all(
    kinds.map(async ([kind, tag]): Promise<AttachedTag | undefined> => {
      try {
        const manifest = await source.getManifest(tag);
        if (!manifest) return undefined;
        const layers = manifest.parsed.kind === 'manifest' ? manifest.parsed.manifest.layers : [];
        return { kind, tag, manifest: manifest.descriptor, layers };
      } catch (error) {
        if (
          !(error instanceof OciError) ||
          !['ERR_MANIFEST_INVALID', 'ERR_DIGEST_MISMATCH', 'ERR_MANIFEST_TOO_LARGE'].includes(error.code)
        ) {
          throw error;
        }
        warnings.push(`${source.name}:${tag}: ${error.message}`);
        return undefined;
      }
    }),
  );
  const viaApi = await source.listReferrers(image.digest);
  let referrers: Descriptor[] = viaApi ?? [];
  if (!viaApi) {
    try {
      referrers = await readFallbackIndex(source, image.digest);
    } catch (error) {
      if (!(error instanceof OciError) || error.code !== 'ERR_MANIFEST_INVALID') throw error;
      warnings.push(error.message);
    }
  }
  return {
    image,
    tags: found.filter((t): t is AttachedTag => t !== undefined),
    referrers,
    referrersVia: viaApi ? 'api' : 'fallback',
    warnings,
  };
}
