import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExamplePluginError } from './errors.js';
import { tokenFileProvider } from './oidc-provider.js';

const dir = mkdtempSync(join(tmpdir(), 'example-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tokenFileProvider', () => {
  it('reads the token from the file named by EXAMPLE_OIDC_TOKEN_FILE', async () => {
    const path = join(dir, 'token');
    writeFileSync(path, 'aGVhZGVy.cGF5bG9hZA.c2ln\n');
    const provider = tokenFileProvider({ EXAMPLE_OIDC_TOKEN_FILE: path });
    expect(await provider.detect?.()).toBe(true);
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe('aGVhZGVy.cGF5bG9hZA.c2ln');
  });

  it('is not detected, and says what to set, without the variable', async () => {
    const provider = tokenFileProvider({});
    expect(await provider.detect?.()).toBe(false);
    const err = await provider.getToken({ audience: 'sigstore' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExamplePluginError);
    expect((err as ExamplePluginError).message).toBe(
      'set EXAMPLE_OIDC_TOKEN_FILE to the path of a file holding an identity token',
    );
  });

  it('refuses a file that holds no JWT, without quoting it', async () => {
    const path = join(dir, 'junk');
    writeFileSync(path, 'secret');
    const err = await tokenFileProvider({ EXAMPLE_OIDC_TOKEN_FILE: path })
      .getToken({ audience: 'sigstore' })
      .catch((e: unknown) => e as Error);
    expect((err as Error).message).toBe(`${path} does not hold a JWT`);
  });
});
