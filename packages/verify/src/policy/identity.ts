import type { X509Certificate } from '@keyless/core';
import { certificateIdentity } from '@keyless/fulcio';
import { VerificationError } from '../errors.js';
import type { IdentityPolicy, SignerInfo } from '../types.js';
import { describeMatcher, matches } from './matcher.js';

function isMatcher(value: unknown): boolean {
  return typeof value === 'string' || value instanceof RegExp;
}

/** Checks an identity policy is well formed before any work is done. */
export function assertIdentityPolicy(policy: IdentityPolicy): void {
  if (!isMatcher(policy.identity) || !isMatcher(policy.issuer)) {
    throw new VerificationError(
      'ERR_INVALID_INPUT',
      'identity policy needs both an identity and an issuer (a string for an exact match, or a RegExp)',
    );
  }
}

/**
 * Matches the certificate's identity against the policy and returns what the certificate says,
 * for the result.
 */
export function assertIdentity(
  leaf: X509Certificate,
  policy: IdentityPolicy,
  log: (name: 'identity' | 'issuer' | 'extensions', detail: string) => void,
): Omit<SignerInfo, 'publicKey'> {
  const identity = certificateIdentity(leaf);
  const extensions = identity.extensions as Record<string, string>;
  if (!matches(policy.identity, identity.subjectAlternativeName)) {
    throw new VerificationError(
      'ERR_IDENTITY_MISMATCH',
      `certificate identity "${identity.subjectAlternativeName}" does not match the expected ${describeMatcher(policy.identity)}`,
    );
  }
  log(
    'identity',
    `certificate identity ${identity.subjectAlternativeName} matches ${describeMatcher(policy.identity)}`,
  );
  if (!matches(policy.issuer, identity.issuer)) {
    throw new VerificationError(
      'ERR_ISSUER_MISMATCH',
      `certificate OIDC issuer "${identity.issuer ?? '(none)'}" does not match the expected ${describeMatcher(policy.issuer)}`,
    );
  }
  log('issuer', `certificate OIDC issuer ${identity.issuer} matches ${describeMatcher(policy.issuer)}`);
  const wanted = Object.entries(policy.extensions ?? {});
  for (const [name, matcher] of wanted) {
    if (!matches(matcher, extensions[name])) {
      throw new VerificationError(
        'ERR_EXTENSION_MISMATCH',
        `certificate extension ${name} is "${extensions[name] ?? '(absent)'}", expected ${describeMatcher(matcher)}`,
      );
    }
  }
  if (wanted.length > 0)
    log('extensions', `certificate extensions match (${wanted.map(([n]) => n).join(', ')})`);
  return {
    identity: identity.subjectAlternativeName,
    ...(identity.issuer === undefined ? {} : { issuer: identity.issuer }),
    extensions,
    certificate: leaf.der,
  };
}
