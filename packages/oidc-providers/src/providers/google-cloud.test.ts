import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { googleCloudProvider } from './google-cloud.js';

const dir = mkdtempSync(join(tmpdir(), 'keyless-gcp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const METADATA = 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default';
const ACCESS_TOKEN = 'ya29.metadata-access-token';
const flavor = { 'metadata-flavor': 'Google' };
const noHardware = { dmiFiles: [join(dir, 'absent')] };

/** The metadata server: answers only requests that carry Metadata-Flavor: Google, as the real one. */
function metadataServer(seen: { identity?: URL }) {
  return [
    http.get(`${METADATA}/identity`, ({ request }) => {
      if (request.headers.get('metadata-flavor') !== 'Google')
        return new HttpResponse('Forbidden', { status: 403 });
      seen.identity = new URL(request.url);
      const aud = seen.identity.searchParams.get('audience') ?? '';
      return new HttpResponse(fakeJwt({ iss: 'https://accounts.google.com', aud }), {
        headers: { ...flavor, 'content-type': 'text/html' },
      });
    }),
    http.get(`${METADATA}/token`, ({ request }) => {
      if (request.headers.get('metadata-flavor') !== 'Google')
        return new HttpResponse('Forbidden', { status: 403 });
      return HttpResponse.json(
        { access_token: ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' },
        { headers: flavor },
      );
    }),
  ];
}

describe('googleCloudProvider: detect', () => {
  it('is detected on Cloud Run', async () => {
    expect(await googleCloudProvider({ env: { K_SERVICE: 'api' }, ...noHardware }).detect?.()).toBe(true);
  });

  it('is detected on a GCE VM by its DMI product name', async () => {
    const product = join(dir, 'product_name');
    writeFileSync(product, 'Google Compute Engine\n');
    expect(await googleCloudProvider({ env: {}, dmiFiles: [product] }).detect?.()).toBe(true);
  });

  it('is not detected elsewhere, and sends no request to find out', async () => {
    const laptop = join(dir, 'laptop');
    writeFileSync(laptop, 'ThinkPad X1\n');
    expect(await googleCloudProvider({ env: {}, dmiFiles: [laptop] }).detect?.()).toBe(false);
  });
});

describe('googleCloudProvider: tokens', () => {
  it('asks the metadata server for an identity token with the audience, over plain HTTP', async () => {
    const seen: { identity?: URL } = {};
    mswServer.use(...metadataServer(seen));
    const token = await googleCloudProvider({ env: {}, ...noHardware }).getToken({ audience: 'sigstore' });
    expect(token.split('.')).toHaveLength(3);
    expect(seen.identity?.protocol).toBe('http:');
    expect(seen.identity?.searchParams.get('audience')).toBe('sigstore');
    expect(seen.identity?.searchParams.get('format')).toBe('full');
  });

  it('impersonates GOOGLE_SERVICE_ACCOUNT_NAME with the metadata access token', async () => {
    const sa = 'signer@acme-prod.iam.gserviceaccount.com';
    let seen: { url: string; authorization: string | null; body: unknown } | undefined;
    mswServer.use(
      ...metadataServer({}),
      http.post(
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/*',
        async ({ request }) => {
          seen = {
            url: request.url,
            authorization: request.headers.get('authorization'),
            body: await request.json(),
          };
          return HttpResponse.json({ token: fakeJwt({ iss: 'https://accounts.google.com', email: sa }) });
        },
      ),
    );
    const provider = googleCloudProvider({ env: { GOOGLE_SERVICE_ACCOUNT_NAME: sa }, ...noHardware });
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toContain('.');
    expect(decodeURIComponent(seen!.url)).toBe(
      `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${sa}:generateIdToken`,
    );
    expect(seen?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(seen?.body).toEqual({ audience: 'sigstore', includeEmail: true });
  });

  it('reports an impersonation the IAM API refuses, without the access token', async () => {
    mswServer.use(
      ...metadataServer({}),
      http.post('https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/*', () =>
        HttpResponse.json(
          { error: { code: 403, message: "Permission 'iam.serviceAccounts.getOpenIdToken' denied" } },
          { status: 403 },
        ),
      ),
    );
    const provider = googleCloudProvider({
      env: { GOOGLE_SERVICE_ACCOUNT_NAME: 'x@y.iam.gserviceaccount.com' },
      ...noHardware,
    });
    const err = await oidcFailure(provider.getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toContain(
      "returned HTTP 403 Forbidden: Permission 'iam.serviceAccounts.getOpenIdToken' denied",
    );
    expect(err.message).not.toContain(ACCESS_TOKEN);
  });

  it('refuses an answer without Metadata-Flavor: Google', async () => {
    mswServer.use(http.get(`${METADATA}/identity`, () => new HttpResponse(fakeJwt())));
    const err = await oidcFailure(
      googleCloudProvider({ env: {}, ...noHardware }).getToken({ audience: 'sigstore' }),
    );
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toBe(
      'google-cloud: http://metadata.google.internal answered without Metadata-Flavor: Google; it is not a metadata server',
    );
  });

  it('uses GCE_METADATA_HOST', async () => {
    mswServer.use(
      http.get(
        'http://metadata.emulator.test:8080/computeMetadata/v1/instance/service-accounts/default/identity',
        () => new HttpResponse(fakeJwt(), { headers: flavor }),
      ),
    );
    const provider = googleCloudProvider({
      env: { GCE_METADATA_HOST: 'metadata.emulator.test:8080' },
      ...noHardware,
    });
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toContain('.');
  });
});
