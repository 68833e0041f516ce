import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSigningConfig, type SigningConfig } from '@keyless/core';
import { type DevStack, requestDevToken, startDevStack } from '@keyless/dev-stack';
import { createSigningPipeline, type SigningPipeline } from '@keyless/sign';

/** The dev stack in this process, with one identity token for the benchmark's signer. */
export interface BenchStack {
  stack: DevStack;
  /** The signer's email, as certificates record it. */
  email: string;
  /** The issuer certificates record. */
  issuer: string;
  token: string;
  /** A file holding the token (mode 0600), for `--identity-token PATH`. */
  tokenFile: string;
  signingConfig: SigningConfig;
  /** A new signing pipeline (its own key and certificate) as `email`, with `signingConfig` by default. */
  pipeline(signingConfig?: SigningConfig): Promise<SigningPipeline>;
  close(): Promise<void>;
}

/**
 * Starts the dev stack (OIDC issuer, CA, Rekor v1 and v2, TSA) on a free loopback port with its
 * state in `dir`, and gets a token for `email` (valid ten minutes, longer than any section).
 */
export async function startBenchStack(dir: string, email = 'bench@example.com'): Promise<BenchStack> {
  const stack = await startDevStack({ dir: join(dir, 'stack'), port: 0 });
  try {
    const token = (await requestDevToken({ dir: stack.dir, email })).id_token;
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, token, { mode: 0o600 });
    const signingConfig = parseSigningConfig(stack.signingConfig);
    return {
      stack,
      email,
      issuer: stack.issuers.email,
      token,
      tokenFile,
      signingConfig,
      pipeline: (config = signingConfig) =>
        createSigningPipeline({
          signingConfig: config,
          trustedRoot: stack.trustedRoot,
          oidcProvider: { name: 'bench', getToken: async () => token },
        }),
      close: () => stack.close(),
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
