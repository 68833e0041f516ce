import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OidcProvider, TimestampSource, TrustedRootJson } from '@keyless/core';
import { createFulcioCertificateAuthority } from '@keyless/fulcio';
import { createFulcioServer, type FulcioServer } from '@keyless/fulcio/server';
import { createTimestampClient, rfc3161TimestampSource } from '@keyless/timestamp';
import { createTimestampServer, type TimestampServer } from '@keyless/timestamp/server';
import { FakeLog } from './fake-log.js';
import { listen, mount } from './loopback.js';
import { createTestIssuer, type TestIssuer } from './oidc-issuer.js';

export const EMAIL = 'signer@keyless.test';

/**
 * The services a signature needs, in-process: a test OIDC issuer, the real Fulcio-compatible CA
 * and RFC 3161 TSA of this repository on one loopback port, and two in-memory logs (v1, v2).
 */
export interface TestStack {
  origin: string;
  issuer: TestIssuer;
  issuerUrl: string;
  fulcioUrl: string;
  tsaUrl: string;
  logV1: FakeLog;
  logV2: FakeLog;
  trustedRoot: TrustedRootJson;
  /** An OIDC provider that mints a fresh email token per call. */
  provider(claims?: Record<string, unknown>): OidcProvider & { calls: number };
  /** A TSA timestamp source over the real TSA. */
  tsa(): TimestampSource;
  close(): Promise<void>;
}

export async function startTestStack(): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-sign-test-'));
  let origin = '';
  const issuer = createTestIssuer(() => `${origin}/oidc`);
  let fulcio: FulcioServer | undefined;
  let tsa: TimestampServer | undefined;
  const loopback = await listen(
    mount({
      '/oidc': (req, res) => issuer.handler(req, res),
      '/fulcio': (req, res) => fulcio!.handler(req, res),
      '/tsa': (req, res) => tsa!.handler(req, res),
    }),
  );
  origin = loopback.origin;
  const issuerUrl = `${origin}/oidc`;
  fulcio = await createFulcioServer({
    dir: join(dir, 'fulcio'),
    url: `${origin}/fulcio`,
    oidcIssuers: [{ issuerUrl, type: 'email' }],
  });
  tsa = await createTimestampServer({ dir: join(dir, 'tsa'), url: `${origin}/tsa` });
  const logV1 = new FakeLog({ baseUrl: 'https://rekor-v1.keyless.test', version: 1 });
  const logV2 = new FakeLog({ baseUrl: 'https://rekor-v2.keyless.test', version: 2 });
  const trustedRoot: TrustedRootJson = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logV1.instance, logV2.instance],
    certificateAuthorities: [fulcio.certificateAuthority],
    ctlogs: [fulcio.ctlog],
    timestampAuthorities: [tsa.timestampAuthority],
  };
  const tsaUrl = tsa.timestampUrl;
  return {
    origin,
    issuer,
    issuerUrl,
    fulcioUrl: `${origin}/fulcio`,
    tsaUrl,
    logV1,
    logV2,
    trustedRoot,
    provider(claims = { sub: EMAIL, email: EMAIL, email_verified: true }) {
      const provider = {
        name: 'test issuer',
        calls: 0,
        async getToken() {
          provider.calls++;
          return issuer.mint(claims);
        },
      };
      return provider;
    },
    tsa: () => ({
      ...rfc3161TimestampSource(createTimestampClient({ url: tsaUrl })),
      name: `TSA at ${tsaUrl}`,
    }),
    async close() {
      await loopback.close();
      await fulcio?.close();
      await tsa?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real Fulcio client as a certificate authority, at the stack's CA. */
export function fulcioAuthority(stack: TestStack) {
  return createFulcioCertificateAuthority({ baseUrl: stack.fulcioUrl, name: `Fulcio at ${stack.fulcioUrl}` });
}
