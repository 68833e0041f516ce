import type { VerificationPolicy, Verifier } from '@keyless/verify';
import { OciError } from '../errors.js';
import { parseStatement } from '../in-toto/statement.js';
import type { Descriptor } from '../manifest/types.js';
import { BUNDLE_ANNOTATIONS, SIGSTORE_BUNDLE_V03 } from '../media-types.js';
import type { ImageStore } from '../store/image-store.js';
import type { BlobCache } from './blob-cache.js';

/** What verifying one bundle referrer needs. */
export interface BundleReferrerContext {
  store: ImageStore;
  imageDigest: string;
  verifier: Verifier;
  policy: VerificationPolicy;
  blobs: BlobCache;
}

/** The predicate type a referrer's descriptor announces, when it does. */
export function announcedPredicateType(referrer: Descriptor): string | undefined {
  return referrer.annotations?.[BUNDLE_ANNOTATIONS.predicateType];
}

/** A verified bundle referrer, with its in-toto statement. */
export interface VerifiedBundle {
  verification: Awaited<ReturnType<Verifier['verify']>>;
  predicateType: string;
  /** The statement's subject entry for the image digest (its annotations carry signed claims). */
  subject: { name?: string; digest?: Record<string, string>; annotations?: Record<string, unknown> };
  statement: Record<string, unknown>;
}

/**
 * Reads a bundle referrer (manifest -> bundle layer -> bundle JSON) and verifies it with
 * `@keyless/verify` against the image digest, which must be a subject of its in-toto statement.
 * Throws for anything else (a referrer that is not a DSSE bundle, a failed verification).
 */
export async function verifyBundleReferrer(
  referrer: Descriptor,
  context: BundleReferrerContext,
): Promise<VerifiedBundle> {
  const manifest = await context.store.getManifest(referrer.digest);
  if (!manifest) throw new OciError('ERR_BLOB_NOT_FOUND', `referrer manifest ${referrer.digest} is missing`);
  if (manifest.parsed.kind !== 'manifest') {
    throw new OciError(
      'ERR_MANIFEST_INVALID',
      `referrer ${referrer.digest} is an index, not a bundle manifest`,
    );
  }
  const layer = manifest.parsed.manifest.layers.find((l) => l.mediaType === SIGSTORE_BUNDLE_V03);
  if (!layer) throw new OciError('ERR_MANIFEST_INVALID', `referrer ${referrer.digest} has no bundle layer`);
  const bytes = await context.blobs.get(layer.digest);
  if (!bytes) throw new OciError('ERR_BLOB_NOT_FOUND', `bundle blob ${layer.digest} is missing`);
  let bundle: unknown;
  try {
    bundle = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OciError('ERR_MANIFEST_INVALID', `bundle blob ${layer.digest} is not JSON`);
  }
  if ((bundle as { dsseEnvelope?: unknown })?.dsseEnvelope === undefined) {
    throw new OciError(
      'ERR_MANIFEST_INVALID',
      `bundle ${layer.digest} holds a message signature; only DSSE (in-toto) image bundles can be tied to the image digest`,
    );
  }
  const verification = await context.verifier.verify(bundle, { digest: context.imageDigest }, context.policy);
  const statement =
    verification.content.type === 'dsse' ? parseStatement(verification.content.payload) : undefined;
  if (!statement)
    throw new OciError('ERR_MANIFEST_INVALID', `bundle ${layer.digest} does not hold an in-toto statement`);
  const [algorithm, hex] = context.imageDigest.split(':') as [string, string];
  const subject = statement.subject?.find((s) => s.digest?.[algorithm]?.toLowerCase() === hex) ?? {};
  return {
    verification,
    predicateType: typeof statement.predicateType === 'string' ? statement.predicateType : '',
    subject,
    statement: statement as Record<string, unknown>,
  };
}
