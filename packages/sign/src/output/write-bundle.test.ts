import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleJson } from '@keyless/core';
import { afterAll, describe, expect, it } from 'vitest';
import { SigningError } from '../errors.js';
import { writeBundleAtomically } from './write-bundle.js';

const scratch = mkdtempSync(join(tmpdir(), 'keyless-write-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bundle = {
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: {},
} as BundleJson;

describe('writeBundleAtomically', () => {
  it('writes the bundle as one line of JSON', async () => {
    const path = join(scratch, 'a.sigstore.json');
    await writeBundleAtomically(path, bundle);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(bundle)}\n`);
  });

  it('replaces an existing file and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(scratch, 'replace-'));
    const path = join(dir, 'b.sigstore.json');
    writeFileSync(path, 'old');
    await writeBundleAtomically(path, bundle);
    expect({ files: readdirSync(dir), text: readFileSync(path, 'utf8').startsWith('{') }).toEqual({
      files: ['b.sigstore.json'],
      text: true,
    });
  });

  it('fails with ERR_BUNDLE_WRITE when the folder does not exist', async () => {
    const error = await writeBundleAtomically(join(scratch, 'missing', 'c.json'), bundle).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).code).toBe('ERR_BUNDLE_WRITE');
    expect((error as SigningError).message).toMatch(/c\.json: its folder does not exist$/);
  });

  it('leaves nothing behind and the old file untouched when the rename fails', async () => {
    const dir = mkdtempSync(join(scratch, 'fail-'));
    const path = join(dir, 'd.sigstore.json');
    mkdirSync(path); // a directory in the way: the rename fails after the temporary file was written
    writeFileSync(join(path, 'keep'), 'x');
    const error = await writeBundleAtomically(path, bundle).catch((e: unknown) => e);
    expect((error as SigningError).code).toBe('ERR_BUNDLE_WRITE');
    expect(readdirSync(dir)).toEqual(['d.sigstore.json']);
  });

  it('reports a folder that cannot hold the bundle', async () => {
    // A regular file where the folder should be: refused for root too, unlike a read-only folder.
    const notAFolder = join(mkdtempSync(join(scratch, 'nf-')), 'file');
    writeFileSync(notAFolder, 'x');
    const error = await writeBundleAtomically(join(notAFolder, 'e.json'), bundle).catch((e: unknown) => e);
    expect((error as SigningError).code).toBe('ERR_BUNDLE_WRITE');
    expect((error as SigningError).message).toContain(notAFolder);
  });
});
