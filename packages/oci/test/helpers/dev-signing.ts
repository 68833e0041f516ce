import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSigningConfig } from '@keyless/core';
import { type DevStack, requestDevToken, startDevStack } from '@keyless/dev-stack';
import { createSigningPipeline, type SigningPipeline } from '@keyless/sign';
import { createVerifier, type Verifier } from '@keyless/verify';
import { type SignatureFormat, signingConfigForFormat } from '../../src/index.js';

/** The dev stack running in-process, a pipeline that signs as `email` there, and a verifier for it. */
export interface DevSigning {
  stack: DevStack;
  /** The dev stack's email issuer, as certificates record it. */
  issuer: string;
  /** A pipeline signing as `email`; `format` picks the logs it may use (cosign needs Rekor v1). */
  pipeline(email: string, format?: SignatureFormat): Promise<SigningPipeline>;
  verifier: Verifier;
  close(): Promise<void>;
}

/** Starts the dev stack (OIDC issuer, CA, log, TSA) on loopback in a temporary directory. */
export async function startDevSigning(): Promise<DevSigning> {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-oci-dev-'));
  const stack = await startDevStack({ dir, port: 0 });
  const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
  return {
    stack,
    issuer: stack.issuers.email,
    verifier,
    pipeline: (email, format = 'cosign') =>
      createSigningPipeline({
        signingConfig: signingConfigForFormat(parseSigningConfig(stack.signingConfig), format),
        trustedRoot: stack.trustedRoot,
        oidcProvider: { name: 'dev', getToken: async () => (await requestDevToken({ dir, email })).id_token },
      }),
    async close() {
      await stack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
