import { KeylessError } from '@keyless/core';
import { VerificationError } from './errors.js';
import { verifyBundle } from './pipeline/verify-bundle.js';
import { loadTrustMaterial } from './trust-material.js';
import type { Verifier, VerifierOptions } from './types.js';

function threshold(value: number | undefined, name: string): number {
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || value < 0) {
    throw new VerificationError('ERR_INVALID_INPUT', `${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/**
 * Builds a verifier from trusted material once; reuse it for many bundles.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { createVerifier } from '@keyless/verify';
 *
 * const trustedRoot = JSON.parse(await readFile('trusted_root.json', 'utf8'));
 * const verifier = await createVerifier({ trustedRoot });
 * const result = await verifier.verify(
 *   JSON.parse(await readFile('artifact.sigstore.json', 'utf8')),
 *   { artifact: await readFile('artifact') },
 *   { identity: 'me@example.com', issuer: 'https://accounts.example.com' },
 * );
 * console.log(result.checks.map((c) => c.detail).join('\n'));
 * ```
 */
export async function createVerifier(options: VerifierOptions): Promise<Verifier> {
  const thresholds = {
    tlog: threshold(options.tlogThreshold, 'tlogThreshold'),
    ctlog: threshold(options.ctlogThreshold, 'ctlogThreshold'),
    timestamp: threshold(options.timestampThreshold, 'timestampThreshold'),
  };
  const now = options.now ?? (() => new Date());
  const trust = await loadTrustMaterial(options.trustedRoot);
  return {
    async verify(bundle, input, policy) {
      try {
        return verifyBundle(bundle, input, policy, trust, thresholds, now());
      } catch (cause) {
        if (cause instanceof VerificationError) throw cause;
        // Anything else escaping the pipeline is still reported as a typed failure, never a crash.
        const message =
          cause instanceof KeylessError || cause instanceof Error ? cause.message : String(cause);
        throw new VerificationError('ERR_BUNDLE_INVALID', message, { cause });
      }
    },
  };
}
