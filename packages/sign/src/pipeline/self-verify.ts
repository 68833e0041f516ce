import type { BundleJson } from '@keyless/core';
import type { VerificationInput, VerificationResult, Verifier } from '@keyless/verify';
import { reasonOf, SigningError } from '../errors.js';
import type { CertifiedIdentity } from './certificate.js';

/**
 * Verifies a bundle just built, as any verifier would: against the trusted root, for the signed
 * input, requiring the identity the certificate was issued to. A failure means the services
 * produced something no one could verify, so the bundle is not handed out.
 */
export async function verifyOwnBundle(
  verifier: Verifier,
  bundle: BundleJson,
  input: VerificationInput,
  identity: CertifiedIdentity,
): Promise<VerificationResult> {
  try {
    return await verifier.verify(bundle, input, {
      identity: identity.subjectAlternativeName,
      issuer: identity.issuer,
    });
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new SigningError(
      'ERR_SELF_VERIFICATION',
      `the signed bundle does not verify against the trusted root, so it was not kept: ${reasonOf(cause)}${typeof code === 'string' ? ` (${code})` : ''}`,
      { cause },
    );
  }
}
