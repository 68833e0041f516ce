import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevStack, requestDevToken, startDevStack } from '@keyless/dev-stack';

/** A dev stack in-process for the signing commands' tests, with its files and a scratch folder. */
export interface SigningStack {
  stack: DevStack;
  /** A folder for artifacts, bundles and plugins. */
  scratch: string;
  /** A fresh email token from the stack. */
  token(email?: string): Promise<string>;
  /** The stack's signing config with only the Rekor log of one API version, written to a file. */
  signingConfigWithLog(version: 1 | 2): string;
  close(): Promise<void>;
}

export const EMAIL = 'cli@keyless.test';

export async function startSigningStack(): Promise<SigningStack> {
  const root = mkdtempSync(join(tmpdir(), 'keyless-cli-sign-'));
  const dir = join(root, 'stack');
  const scratch = join(root, 'scratch');
  const stack = await startDevStack({ dir, port: 0 });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(scratch);
  return {
    stack,
    scratch,
    token: async (email = EMAIL) => (await requestDevToken({ dir, email })).id_token,
    signingConfigWithLog(version) {
      const config = stack.signingConfig;
      const path = join(scratch, `signing_config.rekor-v${version}.json`);
      const rekorTlogUrls = config.rekorTlogUrls.filter((s) => s.majorApiVersion === version);
      writeFileSync(path, JSON.stringify({ ...config, rekorTlogUrls }));
      return path;
    },
    async close() {
      await stack.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Writes the `acme.mjs` plugin of the documentation into `folder`: one OIDC provider, `acme`,
 * whose `fetchMyToken` asks the dev stack's token endpoint for a token (the stack's folder and
 * URL are written into the file).
 */
export function writeAcmePlugin(folder: string, stack: DevStack, email = EMAIL, file = 'acme.mjs'): string {
  const path = join(folder, file);
  writeFileSync(
    path,
    `import { readFile } from 'node:fs/promises';

const STACK_DIR = ${JSON.stringify(stack.dir)};
const ISSUER = ${JSON.stringify(stack.urls.oidc)};

async function fetchMyToken(audience) {
  const secret = (await readFile(STACK_DIR + '/oidc/dev-secret', 'utf8')).trim();
  const response = await fetch(ISSUER + '/dev/token', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + secret, 'content-type': 'application/json' },
    body: JSON.stringify({ email: ${JSON.stringify(email)}, audience }),
  });
  if (!response.ok) throw new Error('the dev stack refused: HTTP ' + response.status);
  return (await response.json()).id_token;
}

export default { name: 'acme', oidcProviders: [{ name: 'acme', getToken: async ({ audience }) => fetchMyToken(audience) }] };
`,
  );
  return path;
}
