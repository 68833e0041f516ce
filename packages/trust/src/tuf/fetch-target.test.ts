import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mswServer, scratchDir } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTufRepository, serveTufRepository, type TestTufRepository } from '../../test/tuf-repository.js';
import { TrustError } from '../errors.js';
import { tufCacheLayout } from './cache-layout.js';
import { type FetchTufTargetOptions, fetchTufTarget } from './fetch-target.js';

const BASE_URL = 'https://tuf.example.test';
const TARGET = Buffer.from('{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}');

let cacheDir: string;
let repository: TestTufRepository;

function fetchTarget(overrides: Partial<FetchTufTargetOptions> = {}): Promise<string> {
  return fetchTufTarget({
    repositoryUrl: BASE_URL,
    cacheDir,
    seedRoot: { bytes: repository.root, origin: 'the test root' },
    targetName: 'trusted_root.json',
    timeoutMs: 5_000,
    unreachableHint: 'use --offline or --trusted-root FILE',
    ...overrides,
  });
}

function targetPath(): string {
  const path = [...repository.files.keys()].find((name) => name.endsWith('.trusted_root.json'));
  if (!path) throw new Error('no target');
  return path;
}

/** Replaces the byte at `index` of a served file with a different one. */
function flipByte(path: string, index: number): void {
  const bytes = Buffer.from(repository.files.get(path) ?? []);
  bytes[index] = bytes[index] === 0x61 ? 0x62 : 0x61;
  repository.files.set(path, bytes);
}

beforeEach(async () => {
  cacheDir = scratchDir('keyless-tuf-');
  repository = buildTufRepository({ baseUrl: BASE_URL, targets: { 'trusted_root.json': TARGET } });
  mswServer.use(serveTufRepository(repository));
});

describe('fetchTufTarget', () => {
  it('returns the served target after verifying all metadata', async () => {
    expect(await fetchTarget()).toBe(TARGET.toString('utf8'));
    expect(repository.requests).toEqual([
      '2.root.json',
      'timestamp.json',
      '1.snapshot.json',
      '1.targets.json',
      targetPath(),
    ]);
  });

  it('caches the metadata and the verified target', async () => {
    await fetchTarget();
    const { metadataDir, targetsDir } = tufCacheLayout(cacheDir, BASE_URL);
    for (const name of ['root.json', 'timestamp.json', 'snapshot.json', 'targets.json']) {
      expect(existsSync(join(metadataDir, name))).toBe(true);
    }
    expect(await readFile(join(targetsDir, 'trusted_root.json'))).toEqual(TARGET);
  });

  it('reuses the cached target when its hash still matches', async () => {
    await fetchTarget();
    repository.requests.length = 0;
    expect(await fetchTarget()).toBe(TARGET.toString('utf8'));
    expect(repository.requests).not.toContain(targetPath());
  });

  it('rejects a target whose bytes do not match the targets metadata', async () => {
    flipByte(targetPath(), 5);
    const error = await fetchTarget().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrustError);
    expect(error).toMatchObject({ code: 'ERR_TUF_TARGET_INVALID' });
    expect((error as Error).message).toMatch(
      /^trusted_root\.json from https:\/\/tuf\.example\.test does not match/,
    );
    expect(existsSync(join(tufCacheLayout(cacheDir, BASE_URL).targetsDir, 'trusted_root.json'))).toBe(false);
  });

  it('rejects timestamp metadata with a broken signature', async () => {
    const timestamp = JSON.parse(repository.files.get('timestamp.json')?.toString('utf8') ?? '{}');
    const sig: string = timestamp.signatures[0].sig;
    timestamp.signatures[0].sig = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
    repository.files.set('timestamp.json', Buffer.from(JSON.stringify(timestamp)));
    await expect(fetchTarget()).rejects.toMatchObject({
      code: 'ERR_TUF_METADATA_INVALID',
      message: expect.stringMatching(/^TUF metadata from https:\/\/tuf\.example\.test failed verification/),
    });
  });

  it('rejects targets metadata that was changed after signing', async () => {
    const targets = JSON.parse(repository.files.get('1.targets.json')?.toString('utf8') ?? '{}');
    targets.signed.targets['trusted_root.json'].length += 1;
    repository.files.set('1.targets.json', Buffer.from(JSON.stringify(targets)));
    await expect(fetchTarget()).rejects.toMatchObject({ code: 'ERR_TUF_METADATA_INVALID' });
  });

  it('rejects expired metadata', async () => {
    repository = buildTufRepository({
      baseUrl: BASE_URL,
      targets: { 'trusted_root.json': TARGET },
      expires: new Date(Date.now() - 60_000),
    });
    mswServer.use(serveTufRepository(repository));
    await expect(fetchTarget()).rejects.toMatchObject({
      code: 'ERR_TUF_METADATA_INVALID',
      message: expect.stringContaining('expired'),
    });
  });

  it('rejects a seed root that is not TUF root metadata, naming it', async () => {
    await expect(
      fetchTarget({ seedRoot: { bytes: Buffer.from('{}'), origin: 'the TUF root ./x.json' } }),
    ).rejects.toMatchObject({
      code: 'ERR_TUF_METADATA_INVALID',
      message: expect.stringMatching(/^the TUF root \.\/x\.json is not a valid TUF root/),
    });
  });

  it('fails with ERR_TUF_TARGET_NOT_FOUND for a target the metadata does not list', async () => {
    await expect(fetchTarget({ targetName: 'signing_config.json' })).rejects.toMatchObject({
      code: 'ERR_TUF_TARGET_NOT_FOUND',
    });
  });

  it('fails with ERR_TUF_UNREACHABLE on a network error', async () => {
    mswServer.use(http.get(`${BASE_URL}/*`, () => HttpResponse.error()));
    const error = await fetchTarget().catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    expect((error as Error).message).toMatch(
      /^cannot reach the TUF repository https:\/\/tuf\.example\.test \(/,
    );
    expect((error as Error).message).toContain('use --offline or --trusted-root FILE');
  });

  it('fails with ERR_TUF_UNREACHABLE when the repository answers with a server error', async () => {
    mswServer.use(http.get(`${BASE_URL}/timestamp.json`, () => new HttpResponse(null, { status: 503 })));
    await expect(fetchTarget()).rejects.toMatchObject({
      code: 'ERR_TUF_UNREACHABLE',
      message: expect.stringContaining('HTTP 503'),
    });
  });

  it('fails with ERR_TUF_UNREACHABLE when the snapshot download breaks off', async () => {
    mswServer.use(http.get(`${BASE_URL}/1.snapshot.json`, () => HttpResponse.error()));
    await expect(fetchTarget()).rejects.toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
  });

  it('gives up within the timeout when the repository never answers', async () => {
    mswServer.use(http.get(`${BASE_URL}/*`, () => new Promise<never>(() => {})));
    const started = performance.now();
    const error = await fetchTarget({ timeoutMs: 200 }).catch((err: unknown) => err);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    expect((error as Error).message).toContain('(timed out after 0.2 s)');
  });

  it("rejects with the caller's abort reason when the caller aborts", async () => {
    mswServer.use(http.get(`${BASE_URL}/*`, () => new Promise<never>(() => {})));
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    await expect(fetchTarget({ signal: controller.signal })).rejects.toBe(reason);
  });

  it('fails with ERR_CACHE_UNWRITABLE when the cache folder cannot be created', async () => {
    const file = join(cacheDir, 'a-file');
    await writeFile(file, '');
    await expect(fetchTarget({ cacheDir: join(file, 'cache') })).rejects.toMatchObject({
      code: 'ERR_CACHE_UNWRITABLE',
      message: expect.stringContaining('KEYLESS_CACHE_DIR'),
    });
  });
});
