import {
  type PreparedLog,
  parseTrustedRoot,
  prepareTrustedRoot,
  type TransparencyLogInstanceJson,
} from '@keyless/core';

/** The prepared logs of a trusted root holding `tlogs`, read the way a verifier reads one. */
export function trustFor(...tlogs: TransparencyLogInstanceJson[]): PreparedLog[] {
  return prepareTrustedRoot(
    parseTrustedRoot({ mediaType: 'application/vnd.dev.sigstore.trustedroot.v0.2+json', tlogs }),
  ).tlogs;
}
