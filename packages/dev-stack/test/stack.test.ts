import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSigningConfig, parseTrustedRoot } from '@keyless/core';
import { mswServer } from '@keyless/testkit';
import { createVerifier } from '@keyless/verify';
import { sign } from 'sigstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestDevToken } from '../src/client/request-dev-token.js';
import { type DevStack, startDevStack } from '../src/stack/start.js';
import { readStackState } from '../src/stack/state.js';
import { removeDir } from './serve-issuer.js';

const dir = mkdtempSync(join(tmpdir(), 'keyless-dev-stack-'));
const artifact = Buffer.from('signed against the local stack\n');
let stack: DevStack;
let bundle: Awaited<ReturnType<typeof sign>>;

async function signWith(token: { email: string } | { ci: true; repository: string }, data = artifact) {
  const { id_token } = await requestDevToken({ dir, ...token });
  return sign(data, {
    fulcioURL: stack.urls.fulcio,
    rekorURL: stack.urls.rekor,
    tsaServerURL: stack.urls.tsa,
    identityToken: id_token,
  });
}

async function rekorTreeSize(url: string): Promise<number> {
  const info = (await (await fetch(`${url}/api/v1/log`)).json()) as { treeSize: number };
  return info.treeSize;
}

beforeAll(async () => {
  // sigstore-js connects through an agent whose asynchronous connect msw's request interception
  // cannot pass through; every request here goes to the stack on loopback, so msw steps aside.
  mswServer.close();
  stack = await startDevStack({ dir, port: 0 });
  // A fresh log's first entry has index 0, which protobuf JSON (and so sigstore-js) leaves out of
  // the bundle, and the bundle parser requires the field: the bundles under test come after it.
  await signWith({ email: 'first@example.com' });
  bundle = await signWith({ email: 'signer@example.com' });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  removeDir(dir);
  mswServer.listen();
});

describe('the files it writes', () => {
  it('writes a trusted root the core parser accepts, with the CA, both logs, the CT log and the TSA', () => {
    const root = parseTrustedRoot(JSON.parse(readFileSync(stack.trustedRootPath, 'utf8')));
    expect([
      root.mediaType,
      root.certificateAuthorities.length,
      root.tlogs.map((log) => log.baseUrl),
      root.ctlogs.length,
      root.timestampAuthorities.length,
    ]).toEqual([
      'application/vnd.dev.sigstore.trustedroot.v0.2+json',
      1,
      [stack.urls.rekor, stack.urls.rekorV2],
      1,
      1,
    ]);
  });

  it('writes a signing config naming every service', () => {
    const config = parseSigningConfig(JSON.parse(readFileSync(stack.signingConfigPath, 'utf8')));
    expect([
      config.oidcUrls[0]?.url,
      config.caUrls[0]?.url,
      config.rekorTlogUrls.map((s) => s.majorApiVersion),
      config.tsaUrls[0]?.url,
    ]).toEqual([stack.urls.oidc, stack.urls.fulcio, [2, 1], `${stack.urls.tsa}/api/v1/timestamp`]);
  });

  it('records its port and pid in stack.json', async () => {
    expect(await readStackState(dir)).toMatchObject({ url: stack.url, pid: process.pid });
  });

  it('serves the trusted root it wrote at /trusted_root.json', async () => {
    const served = await (await fetch(`${stack.url}/trusted_root.json`)).json();
    expect(served).toEqual(JSON.parse(readFileSync(stack.trustedRootPath, 'utf8')));
  });

  it('answers 404 JSON outside the mounted services', async () => {
    const response = await fetch(`${stack.url}/nothing-here`);
    expect([response.status, ((await response.json()) as { code: number }).code]).toEqual([404, 404]);
  });
});

describe('signing with sigstore-js', () => {
  it('produces a bundle our verifier accepts for the token email and the issuer', async () => {
    const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
    const result = await verifier.verify(
      bundle,
      { artifact },
      {
        identity: 'signer@example.com',
        issuer: stack.urls.oidc,
      },
    );
    expect([result.signer.identity, result.signer.issuer, result.timestamps.length]).toEqual([
      'signer@example.com',
      stack.urls.oidc,
      2,
    ]);
  });

  it('produces a bundle our verifier rejects for another identity', async () => {
    const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
    await expect(
      verifier.verify(
        bundle,
        { artifact },
        { identity: 'someone-else@example.com', issuer: stack.urls.oidc },
      ),
    ).rejects.toMatchObject({ code: 'ERR_IDENTITY_MISMATCH' });
  });

  it('signs as a CI workflow with a CI token, its claims in the certificate extensions', async () => {
    const ciBundle = await signWith({ ci: true, repository: 'acme/app' });
    const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
    const result = await verifier.verify(
      ciBundle,
      { artifact },
      {
        identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        issuer: stack.issuers.ci,
        extensions: {
          sourceRepositoryURI: 'https://github.com/acme/app',
          sourceRepositoryRef: 'refs/heads/main',
        },
      },
    );
    expect(result.signer.extensions?.runnerEnvironment).toBe('github-hosted');
  });
});

describe('restart on the same folder', () => {
  it('keeps the URLs, the log and the trust material, so the earlier bundle still verifies', async () => {
    const before = { url: stack.url, size: await rekorTreeSize(stack.urls.rekor), root: stack.trustedRoot };
    await stack.close();
    stack = await startDevStack({ dir });
    const verifier = await createVerifier({
      trustedRoot: JSON.parse(readFileSync(stack.trustedRootPath, 'utf8')),
    });
    const result = await verifier.verify(
      bundle,
      { artifact },
      { identity: 'signer@example.com', issuer: stack.urls.oidc },
    );
    expect([
      stack.url,
      await rekorTreeSize(stack.urls.rekor),
      stack.trustedRoot,
      result.signer.identity,
    ]).toEqual([before.url, before.size, before.root, 'signer@example.com']);
  });

  it('keeps private key files readable by the owner only', () => {
    expect(statSync(join(dir, 'oidc', 'signing-key.json')).mode & 0o777).toBe(0o600);
  });
});

describe('starting', () => {
  it('refuses a second stack on a folder whose stack is running, naming the port', async () => {
    await expect(startDevStack({ dir })).rejects.toMatchObject({
      code: 'ERR_DEV_STACK_LISTEN',
      message: expect.stringContaining(`port ${new URL(stack.url).port} (from `),
    });
  });

  it('refuses a non-loopback host unless remote access is allowed', async () => {
    await expect(startDevStack({ dir: join(dir, 'other'), host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'ERR_DEV_STACK_OPTIONS',
      message: expect.stringContaining('allowRemote'),
    });
  });

  it('refuses a port out of range', async () => {
    await expect(startDevStack({ dir: join(dir, 'other'), port: 70000 })).rejects.toMatchObject({
      code: 'ERR_DEV_STACK_OPTIONS',
    });
  });
});

describe('the OIDC issuer through the stack', () => {
  it('serves the discovery document under /oidc', async () => {
    const discovery = (await (
      await fetch(`${stack.urls.oidc}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect([discovery.issuer, discovery.code_challenge_methods_supported]).toEqual([
      stack.urls.oidc,
      ['S256'],
    ]);
  });

  it('refuses the development token endpoint a wrong secret', async () => {
    const response = await fetch(`${stack.urls.oidc}/dev/token`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong-secret-wrong-secret', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com' }),
    });
    expect(response.status).toBe(401);
  });
});
