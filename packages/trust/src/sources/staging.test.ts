import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mswServer, readRealdata, realdataPath, scratchDir } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTufRepository, serveTufRepository } from '../../test/tuf-repository.js';
import { STAGING_TUF_URL, stagingTrustRoot } from './staging.js';

const stagingTrustedRoot = () => readRealdata('trust/staging/trusted_root.json');

let cacheDir: string;

beforeEach(async () => {
  cacheDir = scratchDir('keyless-staging-');
});

/** Serves a staging repository signed by a test key; returns the path of its root.json. */
async function serveStagingRepository(): Promise<string> {
  const repository = buildTufRepository({
    baseUrl: STAGING_TUF_URL,
    targets: { 'trusted_root.json': stagingTrustedRoot() },
  });
  mswServer.use(serveTufRepository(repository));
  const rootPath = join(cacheDir, 'staging-root.json');
  await writeFile(rootPath, repository.root);
  return rootPath;
}

describe('stagingTrustRoot', () => {
  it('fails with ERR_STAGING_ROOT_REQUIRED naming --tuf-root and --trusted-root when given neither', async () => {
    const error = await stagingTrustRoot({ cacheDir })
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ERR_STAGING_ROOT_REQUIRED' });
    expect((error as Error).message).toContain('--tuf-root');
    expect((error as Error).message).toContain('--trusted-root');
  });

  it('uses a given staging trusted root file as is', async () => {
    const path = realdataPath('trust/staging/trusted_root.json');
    const root = await stagingTrustRoot({ trustedRoot: path }).getTrustedRoot();
    expect(root).toEqual(JSON.parse(stagingTrustedRoot().toString('utf8')));
  });

  it('prefers the trusted root file over the TUF root', async () => {
    const path = realdataPath('trust/staging/trusted_root.json');
    const source = stagingTrustRoot({ trustedRoot: path, tufRoot: '/nonexistent/root.json' });
    expect(source.name).toBe(`staging:file:${path}`);
    await expect(source.getTrustedRoot()).resolves.toMatchObject({ mediaType: expect.any(String) });
  });

  it('refreshes the staging TUF repository from the given TUF root', async () => {
    const tufRoot = await serveStagingRepository();
    const root = await stagingTrustRoot({ tufRoot, cacheDir, offline: false }).getTrustedRoot();
    expect(root).toEqual(JSON.parse(stagingTrustedRoot().toString('utf8')));
  });

  it('uses the cached staging trusted root offline after an online refresh', async () => {
    const tufRoot = await serveStagingRepository();
    const online = await stagingTrustRoot({ tufRoot, cacheDir, offline: false }).getTrustedRoot();
    mswServer.use(http.all('*', () => HttpResponse.error()));
    expect(await stagingTrustRoot({ tufRoot, cacheDir, offline: true }).getTrustedRoot()).toEqual(online);
  });

  it('fails offline with ERR_TRUSTED_ROOT_NOT_FOUND when nothing is cached', async () => {
    const tufRoot = realdataPath('trust/staging/root.json');
    await expect(
      stagingTrustRoot({ tufRoot, cacheDir, offline: true }).getTrustedRoot(),
    ).rejects.toMatchObject({
      code: 'ERR_TRUSTED_ROOT_NOT_FOUND',
      message: expect.stringContaining('--trusted-root'),
    });
  });

  it('fails with ERR_TUF_ROOT_NOT_FOUND when the TUF root file is missing', async () => {
    const tufRoot = join(cacheDir, 'missing-root.json');
    await expect(
      stagingTrustRoot({ tufRoot, cacheDir, offline: false }).getTrustedRoot(),
    ).rejects.toMatchObject({
      code: 'ERR_TUF_ROOT_NOT_FOUND',
      message: expect.stringContaining(tufRoot),
    });
  });

  it('fails with ERR_TUF_UNREACHABLE from the real staging root when sigstage.dev is down', async () => {
    mswServer.use(http.get(`${STAGING_TUF_URL}/*`, () => HttpResponse.error()));
    const tufRoot = realdataPath('trust/staging/root.json');
    const error = await stagingTrustRoot({ tufRoot, cacheDir, offline: false, timeoutMs: 1_000 })
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ERR_TUF_UNREACHABLE' });
    expect((error as Error).message).toMatch(
      /^cannot reach the TUF repository https:\/\/tuf-repo-cdn\.sigstage\.dev/,
    );
    expect((error as Error).message).toContain('--offline');
    expect((error as Error).message).toContain('--trusted-root FILE');
  });

  it('rejects a TUF root file that is not TUF root metadata, naming it', async () => {
    const tufRoot = realdataPath('trust/staging/trusted_root.json');
    await expect(
      stagingTrustRoot({ tufRoot, cacheDir, offline: false }).getTrustedRoot(),
    ).rejects.toMatchObject({
      code: 'ERR_TUF_METADATA_INVALID',
      message: expect.stringContaining(`the TUF root ${tufRoot} is not a valid TUF root`),
    });
  });
});
