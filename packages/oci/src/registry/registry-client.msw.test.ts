import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { explicitCredentials } from '../auth/credentials.js';
import { computeDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import { OCI_INDEX, OCI_MANIFEST, SIGSTORE_BUNDLE_V03 } from '../media-types.js';
import { listReferrers, pushReferrer } from '../referrers/referrers.js';
import { createRegistryClient, type RegistryClient, type RegistryClientOptions } from './client.js';
import { registryStore } from './registry-store.js';

const REGISTRY = 'registry.example.test';
const BASE = `https://${REGISTRY}`;
const REALM = 'https://auth.example.test/token';
const encoder = new TextEncoder();
const manifestBytes = encoder.encode(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: computeDigest(encoder.encode('{}')),
      size: 2,
    },
    layers: [],
  }),
);
const manifestDigest = computeDigest(manifestBytes);
const fast = { backoff: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 } };
const clients: RegistryClient[] = [];

function client(options: RegistryClientOptions = {}): RegistryClient {
  const c = createRegistryClient({ credentials: async () => undefined, http: fast, ...options });
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function manifestResponse(bytes: Uint8Array = manifestBytes, digest = manifestDigest) {
  return new HttpResponse(bytes, {
    headers: { 'content-type': OCI_MANIFEST, 'docker-content-digest': digest },
  });
}

async function rejection(promise: Promise<unknown>): Promise<OciError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OciError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const challenge = `Bearer realm="${REALM}",service="${REGISTRY}",scope="repository:app:pull"`;

describe('bearer token authentication', () => {
  it('answers the challenge at the named realm with the credentials, then retries with the token', async () => {
    const seen: Array<{ where: string; authorization: string | null }> = [];
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/latest`, ({ request }) => {
        seen.push({ where: 'registry', authorization: request.headers.get('authorization') });
        return request.headers.get('authorization') === 'Bearer t0k'
          ? manifestResponse()
          : new HttpResponse(null, { status: 401, headers: { 'www-authenticate': challenge } });
      }),
      http.get(REALM, ({ request }) => {
        seen.push({ where: 'realm', authorization: request.headers.get('authorization') });
        const url = new URL(request.url);
        expect(url.searchParams.get('service')).toBe(REGISTRY);
        expect(url.searchParams.getAll('scope')).toEqual(['repository:app:pull']);
        return HttpResponse.json({ token: 't0k', expires_in: 300 });
      }),
    );
    const credentials = explicitCredentials(REGISTRY, { username: 'u', password: 'p' });
    const manifest = await registryStore(client({ credentials }).repository(REGISTRY, 'app')).getManifest(
      'latest',
    );
    expect(manifest?.descriptor.digest).toBe(manifestDigest);
    expect(seen).toEqual([
      { where: 'registry', authorization: null },
      { where: 'realm', authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
      { where: 'registry', authorization: 'Bearer t0k' },
    ]);
  });

  it('drops the credentials when the token realm redirects to another host', async () => {
    let redirectedAuthorization: string | null | undefined;
    mswServer.use(
      http.get(
        `${BASE}/v2/app/manifests/latest`,
        () => new HttpResponse(null, { status: 401, headers: { 'www-authenticate': challenge } }),
      ),
      http.get(
        REALM,
        () =>
          new HttpResponse(null, {
            status: 307,
            headers: { location: 'https://elsewhere.example.test/token' },
          }),
      ),
      http.get('https://elsewhere.example.test/token', ({ request }) => {
        redirectedAuthorization = request.headers.get('authorization');
        return new HttpResponse(null, { status: 401 });
      }),
    );
    const credentials = explicitCredentials(REGISTRY, { username: 'u', password: 'p' });
    const error = await rejection(
      registryStore(client({ credentials }).repository(REGISTRY, 'app')).getManifest('latest'),
    );
    expect(error.code).toBe('ERR_REGISTRY_AUTH');
    expect(redirectedAuthorization).toBeNull();
  });

  it('refuses a plain-HTTP token realm off loopback', async () => {
    mswServer.use(
      http.get(
        `${BASE}/v2/app/manifests/latest`,
        () =>
          new HttpResponse(null, {
            status: 401,
            headers: { 'www-authenticate': 'Bearer realm="http://auth.example.test/token"' },
          }),
      ),
    );
    expect(
      (await rejection(registryStore(client().repository(REGISTRY, 'app')).getManifest('latest'))).code,
    ).toBe('ERR_REGISTRY_INSECURE');
  });

  it('asks for credentials of the registry only, never of the realm host', async () => {
    const asked: string[] = [];
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/latest`, ({ request }) =>
        request.headers.get('authorization')
          ? manifestResponse()
          : new HttpResponse(null, { status: 401, headers: { 'www-authenticate': challenge } }),
      ),
      http.get(REALM, () => HttpResponse.json({ access_token: 'a' })),
    );
    const c = client({
      credentials: async (registry) => {
        asked.push(registry);
        return undefined;
      },
    });
    await registryStore(c.repository(REGISTRY, 'app')).getManifest('latest');
    expect(asked).toEqual([REGISTRY]);
  });
});

describe('basic authentication and redirects', () => {
  it('sends Basic credentials after a Basic challenge, and up front from then on', async () => {
    const authorizations: Array<string | null> = [];
    const expected = `Basic ${Buffer.from('u:p').toString('base64')}`;
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/:ref`, ({ request }) => {
        authorizations.push(request.headers.get('authorization'));
        return request.headers.get('authorization') === expected
          ? manifestResponse()
          : new HttpResponse(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } });
      }),
    );
    const store = registryStore(
      client({ credentials: explicitCredentials(REGISTRY, { username: 'u', password: 'p' }) }).repository(
        REGISTRY,
        'app',
      ),
    );
    await store.getManifest('latest');
    await store.getManifest(manifestDigest);
    expect(authorizations).toEqual([null, expected, expected]);
  });

  it('does not forward credentials to the storage a blob download redirects to', async () => {
    const blob = encoder.encode('blob content');
    let cdnAuthorization: string | null | undefined;
    mswServer.use(
      http.get(`${BASE}/v2/app/blobs/:digest`, ({ request }) =>
        request.headers.get('authorization')
          ? new HttpResponse(null, {
              status: 307,
              headers: { location: 'https://cdn.example.test/blob?sig=x' },
            })
          : new HttpResponse(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } }),
      ),
      http.get('https://cdn.example.test/blob', ({ request }) => {
        cdnAuthorization = request.headers.get('authorization');
        return new HttpResponse(blob);
      }),
    );
    const store = registryStore(
      client({ credentials: explicitCredentials(REGISTRY, { username: 'u', password: 'p' }) }).repository(
        REGISTRY,
        'app',
      ),
    );
    expect(await store.getBlob(computeDigest(blob))).toEqual(blob);
    expect(cdnAuthorization).toBeNull();
  });

  it('does not send credentials to an upload location on another host', async () => {
    const blob = encoder.encode('upload me');
    let uploadAuthorization: string | null | undefined;
    const expected = `Basic ${Buffer.from('u:p').toString('base64')}`;
    mswServer.use(
      http.all(`${BASE}/v2/app/*`, ({ request }) =>
        request.headers.get('authorization') === expected
          ? undefined
          : new HttpResponse(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } }),
      ),
      http.head(`${BASE}/v2/app/blobs/:digest`, () => new HttpResponse(null, { status: 404 })),
      http.post(
        `${BASE}/v2/app/blobs/uploads/`,
        () =>
          new HttpResponse(null, {
            status: 202,
            headers: { location: 'https://uploads.example.test/session/1' },
          }),
      ),
      http.put('https://uploads.example.test/session/1', ({ request }) => {
        uploadAuthorization = request.headers.get('authorization');
        return new HttpResponse(null, { status: 201 });
      }),
    );
    const c = client({ credentials: explicitCredentials(REGISTRY, { username: 'u', password: 'p' }) });
    expect((await c.repository(REGISTRY, 'app', 'pull,push').uploadBlob(blob)).how).toBe('uploaded');
    expect(uploadAuthorization).toBeNull();
  });
});

describe('registry failures', () => {
  it('reports 403 as ERR_REGISTRY_DENIED with what the registry said', async () => {
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/latest`, () =>
        HttpResponse.json(
          { errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] },
          { status: 403 },
        ),
      ),
    );
    const error = await rejection(registryStore(client().repository(REGISTRY, 'app')).getManifest('latest'));
    expect(error.code).toBe('ERR_REGISTRY_DENIED');
    expect(error.message).toBe(
      `${REGISTRY}/app: GET manifest latest: access denied (HTTP 403): requested access to the resource is denied`,
    );
  });

  it('retries 5xx answers and returns the later success', async () => {
    let calls = 0;
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/latest`, () =>
        ++calls < 3 ? new HttpResponse('busy', { status: 503 }) : manifestResponse(),
      ),
    );
    expect(
      (await registryStore(client().repository(REGISTRY, 'app')).getManifest('latest'))?.descriptor.digest,
    ).toBe(manifestDigest);
    expect(calls).toBe(3);
  });

  it('gives up on a registry that keeps failing, with ERR_REGISTRY', async () => {
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/latest`, () => new HttpResponse('down', { status: 500 })),
    );
    const error = await rejection(
      registryStore(client({ http: { ...fast, retries: 2 } }).repository(REGISTRY, 'app')).getManifest(
        'latest',
      ),
    );
    expect(error.code).toBe('ERR_REGISTRY');
    expect(error.message).toContain('(gave up after 3 attempts)');
  });

  it('caps manifests at maxManifestBytes', async () => {
    const huge = encoder.encode(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [], pad: 'x'.repeat(5000) }),
    );
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/big`, () => manifestResponse(huge, computeDigest(huge))),
    );
    const error = await rejection(
      registryStore(client({ maxManifestBytes: 4096 }).repository(REGISTRY, 'app')).getManifest('big'),
    );
    expect(error.code).toBe('ERR_MANIFEST_TOO_LARGE');
  });

  it('rejects a manifest that does not hash to the digest asked for', async () => {
    const other = `sha256:${'0'.repeat(64)}`;
    mswServer.use(http.get(`${BASE}/v2/app/manifests/${other}`, () => manifestResponse()));
    expect(
      (await rejection(registryStore(client().repository(REGISTRY, 'app')).getManifest(other))).code,
    ).toBe('ERR_DIGEST_MISMATCH');
  });

  it('rejects a tag whose content differs from the Docker-Content-Digest sent with it', async () => {
    mswServer.use(
      http.get(`${BASE}/v2/app/manifests/latest`, () =>
        manifestResponse(manifestBytes, `sha256:${'1'.repeat(64)}`),
      ),
    );
    expect(
      (await rejection(registryStore(client().repository(REGISTRY, 'app')).getManifest('latest'))).code,
    ).toBe('ERR_DIGEST_MISMATCH');
  });

  it('rejects a blob that does not hash to its digest', async () => {
    const digest = computeDigest(encoder.encode('expected'));
    mswServer.use(http.get(`${BASE}/v2/app/blobs/${digest}`, () => new HttpResponse('tampered')));
    expect((await rejection(registryStore(client().repository(REGISTRY, 'app')).getBlob(digest))).code).toBe(
      'ERR_DIGEST_MISMATCH',
    );
  });

  it('refuses a redirect from HTTPS to plain HTTP', async () => {
    const digest = computeDigest(encoder.encode('x'));
    mswServer.use(
      http.get(
        `${BASE}/v2/app/blobs/${digest}`,
        () => new HttpResponse(null, { status: 307, headers: { location: 'http://cdn.example.test/x' } }),
      ),
    );
    expect((await rejection(registryStore(client().repository(REGISTRY, 'app')).getBlob(digest))).code).toBe(
      'ERR_REGISTRY_INSECURE',
    );
  });

  it('uses plain HTTP off loopback only when allowHttpRegistry names the registry', async () => {
    mswServer.use(http.get('http://plain.example.test/v2/app/manifests/latest', () => manifestResponse()));
    const allowed = client({ allowHttpRegistry: ['plain.example.test'] });
    expect(
      (await registryStore(allowed.repository('plain.example.test', 'app')).getManifest('latest'))?.descriptor
        .digest,
    ).toBe(manifestDigest);
  });
});

describe('referrers API', () => {
  const subject = `sha256:${'d'.repeat(64)}`;

  it('lists referrers from a registry that has the API, filtered by artifact type', async () => {
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: OCI_MANIFEST,
          digest: `sha256:${'e'.repeat(64)}`,
          size: 10,
          artifactType: SIGSTORE_BUNDLE_V03,
        },
        {
          mediaType: OCI_MANIFEST,
          digest: `sha256:${'f'.repeat(64)}`,
          size: 10,
          artifactType: 'application/spdx+json',
        },
      ],
    };
    mswServer.use(
      http.get(`${BASE}/v2/app/referrers/${subject}`, () =>
        HttpResponse.json(index, { headers: { 'content-type': OCI_INDEX } }),
      ),
    );
    const found = await listReferrers(
      registryStore(client().repository(REGISTRY, 'app')),
      subject,
      SIGSTORE_BUNDLE_V03,
    );
    expect(found.map((d) => d.digest)).toEqual([`sha256:${'e'.repeat(64)}`]);
  });

  it('leaves the fallback index alone when the registry indexes the subject (OCI-Subject)', async () => {
    const tagWrites: string[] = [];
    mswServer.use(
      http.put(`${BASE}/v2/app/manifests/:ref`, ({ params }) => {
        tagWrites.push(String(params.ref));
        return new HttpResponse(null, { status: 201, headers: { 'oci-subject': subject } });
      }),
    );
    const result = await pushReferrer(
      registryStore(client().repository(REGISTRY, 'app', 'pull,push')),
      subject,
      manifestBytes,
      SIGSTORE_BUNDLE_V03,
    );
    expect(result.via).toBe('api');
    expect(tagWrites).toEqual([manifestDigest]);
  });
});
