import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreError } from '@keyless/core';
import { readRealdataJson, realdataPath } from '@keyless/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { trustedRootFileSource } from './trust-root.js';

const dir = mkdtempSync(join(tmpdir(), 'example-plugin-root-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trustedRootFileSource', () => {
  it('returns the public-good trusted root from the named file', async () => {
    const path = realdataPath('trust/production/trusted_root.json');
    const root = await trustedRootFileSource({ EXAMPLE_TRUSTED_ROOT_FILE: path }).getTrustedRoot();
    expect(root).toEqual(readRealdataJson('trust/production/trusted_root.json'));
  });

  it('refuses a file that is not a trusted root', async () => {
    const path = join(dir, 'bad.json');
    const root = readRealdataJson<Record<string, unknown>>('trust/production/trusted_root.json');
    writeFileSync(path, JSON.stringify({ ...root, mediaType: 'application/json' }));
    const err = await trustedRootFileSource({ EXAMPLE_TRUSTED_ROOT_FILE: path })
      .getTrustedRoot()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('ERR_TRUSTED_ROOT_INVALID');
  });
});
