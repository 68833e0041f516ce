import type { SigningPipeline } from '@keyless/sign';
import { OciError } from '../errors.js';

/** What image signing needs of a signing pipeline (`createSigningPipeline` from `@keyless/sign`). */
export type ImageSigningPipeline = Pick<SigningPipeline, 'signMessage' | 'signDsse'>;

/** How a signature is stored next to an image. */
export type SignatureFormat = 'cosign' | 'bundle';

/**
 * The default format: cosign's `.sig` tag. Every cosign release, policy-controller, Kyverno,
 * Ratify and containers/image read it, and it needs nothing of the registry but tags; the
 * bundle format (an OCI 1.1 referrer) is read only by cosign 2.4+ and newer tools.
 */
export const DEFAULT_SIGNATURE_FORMAT: SignatureFormat = 'cosign';

/** Checks a format name (from a flag) and returns it typed. */
export function parseSignatureFormat(value: string): SignatureFormat {
  if (value === 'cosign' || value === 'bundle') return value;
  throw new OciError('ERR_INVALID_INPUT', `unknown signature format "${value}": use cosign or bundle`);
}
