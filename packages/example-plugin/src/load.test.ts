import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreError, loadPlugin } from '@keyless/core';
import { repoRoot } from '@keyless/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'example-plugin-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The package is loaded as users load it: by name, from its built files.
beforeAll(() => {
  if (!existsSync(join(packageDir, 'dist/index.js'))) {
    throw new Error('packages/example-plugin/dist is missing: run `pnpm build` first');
  }
});

describe('loading @keyless/example-plugin', () => {
  it('loads by package name from a workspace that depends on it (the CLI)', async () => {
    const plugin = await loadPlugin('@keyless/example-plugin', { cwd: join(repoRoot, 'apps/cli') });
    expect(plugin.name).toBe('example');
    expect(plugin.oidcProviders?.map((p) => p.name)).toEqual(['example-token-file']);
    expect(plugin.trustRoots?.map((s) => s.name)).toEqual(['example-trusted-root-file']);
    expect(plugin.timestampSources?.map((s) => s.name)).toEqual(['example-rfc3161']);
  });

  it('loads by package name from inside the package itself', async () => {
    await expect(loadPlugin('@keyless/example-plugin', { cwd: packageDir })).resolves.toMatchObject({
      name: 'example',
    });
  });

  it('reports what its parts throw as plugin example: <message>', async () => {
    const plugin = await loadPlugin('@keyless/example-plugin', { cwd: packageDir });
    const previous = process.env.EXAMPLE_TSA_URL;
    delete process.env.EXAMPLE_TSA_URL;
    try {
      const err = await plugin
        .timestampSources![0]!.timestamp({ signature: new Uint8Array(4) })
        .catch((e) => e);
      expect(err).toBeInstanceOf(CoreError);
      expect((err as CoreError).code).toBe('ERR_PLUGIN');
      expect((err as CoreError).message).toBe(
        'plugin example: set EXAMPLE_TSA_URL to the URL of an RFC 3161 timestamp authority',
      );
    } finally {
      if (previous !== undefined) process.env.EXAMPLE_TSA_URL = previous;
    }
  });

  it('loads a one-file plugin by path, as in `--plugin ./acme.mjs`', async () => {
    writeFileSync(
      join(dir, 'acme.mjs'),
      `const fetchMyToken = async (audience) => ['eyJhbGciOiJub25lIn0', Buffer.from(JSON.stringify({ aud: audience })).toString('base64url'), ''].join('.');
export default { name: 'acme', oidcProviders: [{ name: 'acme', getToken: async ({ audience }) => fetchMyToken(audience) }] };
`,
    );
    const plugin = await loadPlugin('./acme.mjs', { cwd: dir });
    const token = await plugin.oidcProviders![0]!.getToken({ audience: 'sigstore' });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toEqual({
      aud: 'sigstore',
    });
  });
});
