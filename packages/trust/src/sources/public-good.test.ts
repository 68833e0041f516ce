import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustedRootJson } from '@keyless/core';
import { mswServer, readRealdata, readRealdataJson, scratchDir } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTufRepository, serveTufRepository } from '../../test/tuf-repository.js';
import {
  embeddedPublicGoodTrustedRoot,
  embeddedPublicGoodTufRoot,
  PUBLIC_GOOD_TUF_URL,
} from '../embedded/seeds.js';
import { cachedTargetPath, tufCacheLayout } from '../tuf/cache-layout.js';
import { publicGoodTrustRoot } from './public-good.js';

const MIRROR = 'https://tuf-mirror.example.test';
const realTrustedRoot = () => readRealdata('trust/production/trusted_root.json');

let cacheDir: string;
let requests: string[];
const recordRequest = ({ request }: { request: Request }) => {
  requests.push(request.url);
};

beforeEach(async () => {
  cacheDir = scratchDir('keyless-public-good-');
  requests = [];
  mswServer.events.on('request:start', recordRequest);
});

afterEach(() => {
  mswServer.events.removeListener('request:start', recordRequest);
  vi.useRealTimers();
});

async function writeCachedTarget(repositoryUrl: string, contents: string | Buffer): Promise<void> {
  const path = cachedTargetPath(tufCacheLayout(cacheDir, repositoryUrl), 'trusted_root.json');
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, contents);
}

/** Serves the public-good TUF metadata and trusted root as published, from the realdata snapshot. */
function servePublishedRepository(overrides: Record<string, Buffer> = {}) {
  const files: Record<string, Buffer> = {
    '15.root.json': readRealdata('trust/production/tuf/root_history/15.root.json'),
    'timestamp.json': readRealdata('trust/production/tuf/timestamp.json'),
    '165.snapshot.json': readRealdata('trust/production/tuf/snapshot.json'),
    '14.targets.json': readRealdata('trust/production/tuf/targets.json'),
    'targets/6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66.trusted_root.json':
      realTrustedRoot(),
    ...overrides,
  };
  mswServer.use(
    http.get(`${PUBLIC_GOOD_TUF_URL}/*`, ({ request }) => {
      const body = files[new URL(request.url).pathname.slice(1)];
      return body
        ? HttpResponse.arrayBuffer(new Uint8Array(body).buffer)
        : new HttpResponse(null, { status: 404 });
    }),
  );
}

describe('publicGoodTrustRoot offline', () => {
  it('returns the embedded trusted root without any request', async () => {
    mswServer.use(http.all('*', () => HttpResponse.error()));
    const root = await publicGoodTrustRoot({ offline: true, cacheDir }).getTrustedRoot();
    expect(root).toEqual(embeddedPublicGoodTrustedRoot());
    expect(requests).toEqual([]);
  });

  it('returns the cached trusted root when one is cached', async () => {
    const cached = readRealdataJson<TrustedRootJson>('trust/staging/trusted_root.json');
    await writeCachedTarget(PUBLIC_GOOD_TUF_URL, JSON.stringify(cached));
    expect(await publicGoodTrustRoot({ offline: true, cacheDir }).getTrustedRoot()).toEqual(cached);
  });

  it('falls back to the embedded trusted root when the cached one is not valid JSON', async () => {
    await writeCachedTarget(PUBLIC_GOOD_TUF_URL, '{"mediaType":');
    const root = await publicGoodTrustRoot({ offline: true, cacheDir }).getTrustedRoot();
    expect(root).toEqual(embeddedPublicGoodTrustedRoot());
  });

  it('goes offline when KEYLESS_OFFLINE=1', async () => {
    vi.stubEnv('KEYLESS_OFFLINE', '1');
    try {
      mswServer.use(http.all('*', () => HttpResponse.error()));
      expect(await publicGoodTrustRoot({ cacheDir }).getTrustedRoot()).toEqual(
        embeddedPublicGoodTrustedRoot(),
      );
      expect(requests).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('lets offline: false win over KEYLESS_OFFLINE=1', async () => {
    vi.stubEnv('KEYLESS_OFFLINE', '1');
    try {
      mswServer.use(http.get(`${PUBLIC_GOOD_TUF_URL}/*`, () => HttpResponse.error()));
      await expect(publicGoodTrustRoot({ offline: false, cacheDir }).getTrustedRoot()).rejects.toMatchObject({
        code: 'ERR_TUF_UNREACHABLE',
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('publicGoodTrustRoot online', () => {
  it('refreshes the published public-good metadata from the embedded root and returns its trusted root', async () => {
    // The published timestamp.json was valid until 2026-08-28.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-08-27T00:00:00Z'));
    servePublishedRepository();
    const root = await publicGoodTrustRoot({ offline: false, cacheDir }).getTrustedRoot();
    expect(root).toEqual(JSON.parse(realTrustedRoot().toString('utf8')));
    const { metadataDir } = tufCacheLayout(cacheDir, PUBLIC_GOOD_TUF_URL);
    expect(JSON.parse(await readFile(join(metadataDir, 'root.json'), 'utf8')).signed.version).toBe(15);
  });

  it('rejects a rotated root whose signature was tampered with', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-08-27T00:00:00Z'));
    const rotated = JSON.parse(
      readRealdata('trust/production/tuf/root_history/15.root.json').toString('utf8'),
    );
    for (const signature of rotated.signatures) {
      signature.sig = signature.sig.replace(/^./, (c: string) => (c === '3' ? '4' : '3'));
    }
    servePublishedRepository({ '15.root.json': Buffer.from(JSON.stringify(rotated)) });
    await expect(publicGoodTrustRoot({ offline: false, cacheDir }).getTrustedRoot()).rejects.toMatchObject({
      code: 'ERR_TUF_METADATA_INVALID',
    });
  });

  it('returns the trusted root a mirror serves, verified against its metadata', async () => {
    const repository = buildTufRepository({
      baseUrl: MIRROR,
      targets: { 'trusted_root.json': realTrustedRoot() },
    });
    const { metadataDir } = tufCacheLayout(cacheDir, MIRROR);
    await mkdir(metadataDir, { recursive: true });
    await writeFile(join(metadataDir, 'root.json'), repository.root);
    mswServer.use(serveTufRepository(repository));
    const root = await publicGoodTrustRoot({
      offline: false,
      cacheDir,
      mirrorUrl: `${MIRROR}/`,
    }).getTrustedRoot();
    expect(root).toEqual(JSON.parse(realTrustedRoot().toString('utf8')));
  });

  it('keeps the first successful result instead of refreshing again', async () => {
    const repository = buildTufRepository({
      baseUrl: MIRROR,
      targets: { 'trusted_root.json': realTrustedRoot() },
    });
    const { metadataDir } = tufCacheLayout(cacheDir, MIRROR);
    await mkdir(metadataDir, { recursive: true });
    await writeFile(join(metadataDir, 'root.json'), repository.root);
    mswServer.use(serveTufRepository(repository));
    const source = publicGoodTrustRoot({ offline: false, cacheDir, mirrorUrl: MIRROR });
    const first = await source.getTrustedRoot();
    const count = repository.requests.length;
    expect(await source.getTrustedRoot()).toBe(first);
    expect(repository.requests.length).toBe(count);
  });

  it('leaves the downloaded trusted root in the cache for offline use', async () => {
    const repository = buildTufRepository({
      baseUrl: MIRROR,
      targets: { 'trusted_root.json': realTrustedRoot() },
    });
    const { metadataDir } = tufCacheLayout(cacheDir, MIRROR);
    await mkdir(metadataDir, { recursive: true });
    await writeFile(join(metadataDir, 'root.json'), repository.root);
    mswServer.use(serveTufRepository(repository));
    const online = await publicGoodTrustRoot({
      offline: false,
      cacheDir,
      mirrorUrl: MIRROR,
    }).getTrustedRoot();
    const offline = await publicGoodTrustRoot({
      offline: true,
      cacheDir,
      mirrorUrl: MIRROR,
    }).getTrustedRoot();
    expect(offline).toEqual(online);
  });

  it('seeds an empty cache with the embedded TUF root', async () => {
    mswServer.use(http.get(`${PUBLIC_GOOD_TUF_URL}/*`, () => HttpResponse.error()));
    await publicGoodTrustRoot({ offline: false, cacheDir })
      .getTrustedRoot()
      .catch(() => {});
    const { metadataDir } = tufCacheLayout(cacheDir, PUBLIC_GOOD_TUF_URL);
    expect(readFileSync(join(metadataDir, 'root.json')).equals(embeddedPublicGoodTufRoot())).toBe(true);
  });

  it('fails with ERR_TUF_UNREACHABLE naming --offline and --trusted-root when the repository is down', async () => {
    mswServer.use(http.get(`${PUBLIC_GOOD_TUF_URL}/*`, () => HttpResponse.error()));
    const error = await publicGoodTrustRoot({ offline: false, cacheDir })
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    const { message } = error as Error;
    expect(message).toMatch(/^cannot reach the TUF repository https:\/\/tuf-repo-cdn\.sigstore\.dev \(/);
    expect(message).toContain('--offline');
    expect(message).toContain('--trusted-root FILE');
    expect(message).not.toContain('\n');
  });

  it('fails with ERR_TUF_UNREACHABLE within timeoutMs when the repository never answers', async () => {
    mswServer.use(http.get(`${PUBLIC_GOOD_TUF_URL}/*`, () => new Promise<never>(() => {})));
    const started = performance.now();
    const error = await publicGoodTrustRoot({ offline: false, cacheDir, timeoutMs: 300 })
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    expect((error as Error).message).toBe(
      'cannot reach the TUF repository https://tuf-repo-cdn.sigstore.dev (timed out after 0.3 s); ' +
        'use --offline to use the cached or embedded trusted root, or --trusted-root FILE',
    );
  });

  it('tries again after a failure', async () => {
    mswServer.use(http.get(`${PUBLIC_GOOD_TUF_URL}/*`, () => HttpResponse.error()));
    const source = publicGoodTrustRoot({ offline: false, cacheDir });
    await expect(source.getTrustedRoot()).rejects.toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    const before = requests.length;
    await expect(source.getTrustedRoot()).rejects.toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    expect(requests.length).toBeGreaterThan(before);
  });
});
