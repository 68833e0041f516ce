import type { TrustedRootJson } from '@keyless/core';
import { createVerifier } from '@keyless/verify';
import type { Contender } from './contender.js';

/**
 * Keyless as an admission controller runs it: one verifier for the process, and each request's
 * bundle handed over as the already-parsed JSON object.
 */
export async function createKeylessContender(trustedRoot: unknown): Promise<Contender> {
  const verifier = await createVerifier({ trustedRoot: trustedRoot as TrustedRootJson });
  return {
    name: 'Keyless',
    verify: (c) =>
      verifier.verify(c.bundleJson, { artifact: c.artifact }, { identity: c.identity, issuer: c.issuer }),
  };
}
