import { createVerifier, type VerificationInput, type VerificationResult } from '@keyless/verify';
import type { ArtifactInput } from './artifact-input.js';
import { readBundleFile } from './bundle-file.js';
import { loadPolicy, type PolicyPlan } from './policy.js';
import { MAX_ARTIFACT_BYTES, readInputFile } from './read-input-file.js';
import { selectTrustSource, type TrustFlags } from './trust-source.js';

/** One verification as the command line describes it: paths resolved, flags checked. */
export interface VerifyRequest {
  input: ArtifactInput;
  bundlePath: string;
  policy: PolicyPlan;
  trust: TrustFlags;
}

function readArtifact(input: ArtifactInput): VerificationInput {
  if (input.kind === 'digest') return { digest: input.digest };
  const hint = ': pass its digest as sha256:<hex> instead (e.g. from sha256sum)';
  return { artifact: readInputFile(input.path, 'artifact', MAX_ARTIFACT_BYTES, hint) };
}

/**
 * Runs one verification: reads the inputs (input errors come first, before any network),
 * obtains the trusted root, and verifies. Resolves to the result; rejects with a `CliError`
 * (input), `TrustError` (trusted root) or `VerificationError` (the bundle did not verify).
 */
export async function verifyRequest(
  request: VerifyRequest,
  env: Record<string, string | undefined>,
): Promise<VerificationResult> {
  const trustSource = selectTrustSource(request.trust, env);
  const bundle = readBundleFile(request.bundlePath);
  const input = readArtifact(request.input);
  const policy = loadPolicy(request.policy);
  const verifier = await createVerifier({ trustedRoot: trustSource });
  return verifier.verify(bundle, input, policy);
}
