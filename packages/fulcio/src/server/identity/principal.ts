import type { JWTPayload } from 'jose';
import type { FulcioExtensionName } from '../../certificate/extensions.js';
import { FulcioError } from '../../errors.js';
import type { TrustedIssuer } from '../oidc/issuer-keys.js';
import { ciExtensions } from './ci-claims.js';

/** Who a verified token says the caller is, and what the certificate will state about it. */
export interface Principal {
  /**
   * The strings a proof of possession may sign, Fulcio's first: the email for email identities,
   * `sub` otherwise. Email identities also accept `sub`, which clients such as sigstore-js 3 sign
   * for issuers they do not recognise; a signature over either proves the key is held.
   */
  challenges: string[];
  subjectAlternativeName: { type: 'email' | 'url'; value: string };
  /** Fulcio extension values by friendly name (the issuer always; CI claims when present). */
  extensions: Partial<Record<FulcioExtensionName, string>>;
}

function unauthenticated(message: string): never {
  throw new FulcioError('ERR_FULCIO_UNAUTHENTICATED', message);
}

function emailPrincipal(claims: JWTPayload, issuer: string): Principal {
  const { email, email_verified: verified } = claims;
  if (typeof email !== 'string' || email === '') unauthenticated('identity token has no email claim');
  // Fulcio accepts only addresses the issuer vouches for; a string "true" is not a vouch.
  if (verified !== true) unauthenticated('identity token email_verified claim is not true');
  return {
    challenges: claims.sub && claims.sub !== email ? [email, claims.sub] : [email],
    subjectAlternativeName: { type: 'email', value: email },
    extensions: { issuer, issuerV2: issuer },
  };
}

function uriPrincipal(subject: string, issuer: string): Principal {
  if (!URL.canParse(subject)) unauthenticated('identity token sub claim is not an absolute URI');
  return {
    challenges: [subject],
    subjectAlternativeName: { type: 'url', value: subject },
    extensions: { issuer, issuerV2: issuer },
  };
}

function ciPrincipal(claims: JWTPayload, subject: string, issuer: string): Principal {
  const workflowRef = claims.job_workflow_ref;
  if (typeof workflowRef !== 'string' || workflowRef === '') {
    unauthenticated('identity token has no job_workflow_ref claim');
  }
  const extensions = ciExtensions(claims);
  return {
    challenges: [subject],
    subjectAlternativeName: { type: 'url', value: extensions.buildSignerURI! },
    extensions: { issuer, issuerV2: issuer, ...extensions, tokenSubject: subject },
  };
}

/**
 * The identity a verified token proves, by the issuer's type: `email` (the verified `email`
 * claim, as an email SAN), `ci` (a GitHub-Actions-style workflow token: the
 * `https://github.com/<job_workflow_ref>` URI SAN plus the workflow claims as extensions) or `uri`
 * (`sub` itself, as a URI SAN). Throws `FulcioError` (`ERR_FULCIO_UNAUTHENTICATED`) when the
 * token lacks what its type needs.
 */
export function principalFromToken(claims: JWTPayload, issuer: TrustedIssuer): Principal {
  const subject = claims.sub!;
  switch (issuer.type) {
    case 'email':
      return emailPrincipal(claims, issuer.issuerUrl);
    case 'ci':
      return ciPrincipal(claims, subject, issuer.issuerUrl);
    case 'uri':
      return uriPrincipal(subject, issuer.issuerUrl);
  }
}
