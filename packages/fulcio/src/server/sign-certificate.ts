import { encodePem, type X509Certificate } from '@keyless/core';
import { FulcioError } from '../errors.js';
import type { SigningCertificateJson } from '../protocol/types.js';
import type { LocalCertificateAuthority } from './certificate-authority.js';
import { csrPublicKey } from './csr.js';
import type { LocalCtLog } from './ct-log.js';
import { principalFromToken } from './identity/principal.js';
import { issueCertificate } from './issue-certificate.js';
import type { IssuerKeys, TrustedIssuer } from './oidc/issuer-keys.js';
import { verifyIdentityToken } from './oidc/verify-token.js';
import { checkProofOfPossession } from './proof-of-possession.js';
import { type AcceptedKey, acceptPublicKey } from './public-key.js';
import type { SigningRequest } from './signing-request.js';

/** Everything a `signingCert` call needs besides the request. */
export interface SigningContext {
  ca: LocalCertificateAuthority;
  ctlog: LocalCtLog;
  issuers: ReadonlyMap<string, TrustedIssuer>;
  keys: IssuerKeys;
  clientId: string;
  lifetimeSeconds: number;
  now: () => Date;
}

function pem(cert: X509Certificate): string {
  return encodePem('CERTIFICATE', cert.der);
}

/**
 * Fulcio's `CreateSigningCertificate`: authenticate the token, work out the identity, check the
 * proof of possession (a signature over the challenge, or the CSR's self-signature), then issue a
 * certificate with an embedded SCT. Throws `FulcioError`: `ERR_FULCIO_UNAUTHENTICATED`,
 * `ERR_FULCIO_BAD_REQUEST`, `ERR_FULCIO_ISSUER_UNAVAILABLE`.
 */
export async function signCertificate(
  request: SigningRequest,
  context: SigningContext,
): Promise<SigningCertificateJson> {
  if (!request.token) {
    throw new FulcioError(
      'ERR_FULCIO_UNAUTHENTICATED',
      'no identity token: send credentials.oidcIdentityToken or an Authorization: Bearer header',
    );
  }
  const now = context.now();
  const { issuer, claims } = await verifyIdentityToken(request.token, {
    issuers: context.issuers,
    keys: context.keys,
    clientId: context.clientId,
    now,
  });
  const principal = principalFromToken(claims, issuer);
  let key: AcceptedKey;
  if (request.proof.type === 'csr') {
    key = csrPublicKey(request.proof.csr);
  } else {
    key = acceptPublicKey(request.proof.spki);
    checkProofOfPossession(key, principal.challenges, request.proof.signature);
  }
  const leaf = await issueCertificate(principal, key, {
    ca: context.ca,
    ctlog: context.ctlog,
    now,
    lifetimeSeconds: context.lifetimeSeconds,
  });
  return {
    signedCertificateEmbeddedSct: {
      chain: { certificates: [pem(leaf), pem(context.ca.intermediate), pem(context.ca.root)] },
    },
  };
}
