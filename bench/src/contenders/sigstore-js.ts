import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import type { Contender } from './contender.js';

/**
 * sigstore-js's own verifier with the same shape of work: trust material and `Verifier` built
 * once; per bundle, the JSON object is turned into a `Bundle` and a signed entity, then verified
 * against the SAN and issuer.
 */
export function createSigstoreJsContender(trustedRoot: unknown): Contender {
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(trustedRoot)));
  return {
    name: 'sigstore-js',
    verify: (c) =>
      verifier.verify(toSignedEntity(bundleFromJSON(c.bundleJson), c.artifact), {
        subjectAlternativeName: c.identity,
        extensions: { issuer: c.issuer },
      }),
  };
}
