import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceDir, realdataPath, scratchDir } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { TrustError } from '../errors.js';
import { fileTrustRoot } from './file.js';

async function tempFile(contents: string): Promise<string> {
  const path = join(scratchDir('keyless-trust-'), 'trusted_root.json');
  await writeFile(path, contents);
  return path;
}

describe('fileTrustRoot', () => {
  it('reads the staging trusted root', async () => {
    const path = realdataPath('trust/staging/trusted_root.json');
    const source = fileTrustRoot(path);
    const root = await source.getTrustedRoot();
    expect(source.name).toBe(`file:${path}`);
    expect(root.tlogs?.map((log) => log.baseUrl)).toContain('https://rekor.sigstage.dev');
    expect(root.certificateAuthorities?.length).toBeGreaterThan(0);
  });

  it('fails with ERR_TRUSTED_ROOT_NOT_FOUND naming a missing path', async () => {
    const path = '/nonexistent/keyless/trusted_root.json';
    const error = await fileTrustRoot(path)
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrustError);
    expect(error).toMatchObject({ code: 'ERR_TRUSTED_ROOT_NOT_FOUND' });
    expect((error as Error).message).toContain(path);
  });

  it('fails with ERR_TRUSTED_ROOT_NOT_FOUND when the path is a folder', async () => {
    await expect(fileTrustRoot(tmpdir()).getTrustedRoot()).rejects.toMatchObject({
      code: 'ERR_TRUSTED_ROOT_NOT_FOUND',
    });
  });

  it('fails with ERR_TRUSTED_ROOT_INVALID naming a file that is not JSON', async () => {
    const path = await tempFile('{"mediaType": ');
    const error = await fileTrustRoot(path)
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ERR_TRUSTED_ROOT_INVALID' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('not valid JSON');
  });

  it('fails with ERR_TRUSTED_ROOT_INVALID for a bundle given as a trusted root', async () => {
    const path = join(conformanceDir, 'happy-path-v0.3/bundle.sigstore.json');
    const error = await fileTrustRoot(path)
      .getTrustedRoot()
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ERR_TRUSTED_ROOT_INVALID' });
    expect((error as Error).message).toMatch(
      /not a Sigstore trusted root: mediaType .* is not a trusted root media type/,
    );
  });

  it('fails with ERR_TRUSTED_ROOT_INVALID when a list is not a list', async () => {
    const path = await tempFile(
      JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot.v0.2+json', tlogs: {} }),
    );
    await expect(fileTrustRoot(path).getTrustedRoot()).rejects.toThrow(/tlogs must be a list of objects/);
  });
});
