import {
  bytesEqual,
  isWithinValidity,
  type PreparedAuthority,
  type PreparedTrustedRoot,
  type X509Certificate,
} from '@keyless/core';
import { FulcioError } from '../errors.js';
import { requireEmbeddedScts } from '../sct/verify.js';

function untrusted(detail: string): never {
  throw new FulcioError('ERR_FULCIO_CHAIN_UNTRUSTED', `Fulcio: ${detail}`);
}

/** Whether `authority` issued `leaf` and the rest of `chain` is the authority's own chain. */
function issuedBy(
  authority: PreparedAuthority,
  leaf: X509Certificate,
  rest: readonly X509Certificate[],
): boolean {
  const issuer = authority.certificates[0];
  if (!issuer || !bytesEqual(issuer.subjectDer, leaf.issuerDer)) return false;
  if (!isWithinValidity(authority.validFor, leaf.notBefore)) return false;
  if (rest.length > authority.certificates.length) return false;
  if (!rest.every((cert, i) => bytesEqual(cert.der, authority.certificates[i]!.der))) return false;
  return leaf.verifySignedBy(issuer.publicKey);
}

/**
 * Checks a freshly issued chain (leaf first) against a trusted root before it is used: the leaf
 * must be signed by the issuing certificate of a trusted CA valid when the leaf was issued, the
 * certificates after the leaf must be that CA's own chain, and the leaf must embed an SCT that a
 * trusted CT log's key verifies. Returns the CA. Throws `FulcioError`:
 * `ERR_FULCIO_CHAIN_UNTRUSTED`, or the `ERR_SCT_*` code of the SCT check.
 */
export function verifyIssuedChain(
  chain: readonly X509Certificate[],
  trust: PreparedTrustedRoot,
): PreparedAuthority {
  const [leaf, ...rest] = chain;
  if (!leaf) return untrusted('the certificate chain is empty');
  const authority = trust.certificateAuthorities.find((candidate) => issuedBy(candidate, leaf, rest));
  if (!authority) {
    untrusted(
      'the issued certificate does not chain to a certificate authority of the trusted root; is the trusted root the one of this Fulcio?',
    );
  }
  try {
    requireEmbeddedScts(leaf, authority.certificates[0]!, trust.ctlogs);
  } catch (cause) {
    if (!(cause instanceof FulcioError)) throw cause;
    throw new FulcioError(cause.code, `Fulcio: issued certificate failed the SCT check: ${cause.message}`, {
      cause,
    });
  }
  return authority;
}
