import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { loadPlugin } from './load.js';

const root = mkdtempSync(join(tmpdir(), 'keyless-plugins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** Writes a module into a fresh folder (fresh, so Node's module cache never hands back an old one). */
function writeModule(source: string, file = 'plugin.mjs'): { dir: string; path: string } {
  const dir = join(root, `case-${++counter}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, source);
  return { dir, path };
}

const ACME = `
async function fetchMyToken(audience) { return 'eyJhbGciOiJub25lIn0.' + Buffer.from(JSON.stringify({ aud: audience })).toString('base64url') + '.'; }
export default { name: 'acme', oidcProviders: [{ name: 'acme', getToken: async ({ audience }) => fetchMyToken(audience) }] };
`;

async function loadError(specifier: string, cwd: string): Promise<CoreError> {
  try {
    await loadPlugin(specifier, { cwd });
  } catch (err) {
    if (err instanceof CoreError) return err;
    throw err;
  }
  throw new Error('expected loadPlugin to fail');
}

describe('loadPlugin: resolving', () => {
  it('loads a file by a path relative to cwd', async () => {
    const { dir } = writeModule(ACME, 'acme.mjs');
    const plugin = await loadPlugin('./acme.mjs', { cwd: dir });
    expect(plugin.name).toBe('acme');
    const token = await plugin.oidcProviders![0]!.getToken({ audience: 'sigstore' });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toEqual({
      aud: 'sigstore',
    });
  });

  it('loads a bare file name when that file exists in cwd', async () => {
    const { dir } = writeModule(ACME, 'acme.mjs');
    await expect(loadPlugin('acme.mjs', { cwd: dir })).resolves.toMatchObject({ name: 'acme' });
  });

  it('loads an absolute path and a file: URL', async () => {
    const { path } = writeModule(ACME);
    await expect(loadPlugin(path, { cwd: root })).resolves.toMatchObject({ name: 'acme' });
    const other = writeModule(ACME);
    await expect(loadPlugin(pathToFileURL(other.path).href)).resolves.toMatchObject({ name: 'acme' });
  });

  it('resolves a package name from node_modules under cwd', async () => {
    const { dir } = writeModule('{}', 'package.json');
    const pkg = join(dir, 'node_modules', 'keyless-plugin-acme');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'keyless-plugin-acme', main: 'main.js' }),
    );
    writeFileSync(join(pkg, 'main.js'), 'module.exports = { name: "cjs-acme" };');
    await expect(loadPlugin('keyless-plugin-acme', { cwd: dir })).resolves.toEqual({ name: 'cjs-acme' });
  });

  it('resolves an ESM-only package whose exports have only an import condition', async () => {
    const { dir } = writeModule('{}', 'package.json');
    const pkg = join(dir, 'node_modules', '@acme', 'keyless-plugin');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({
        name: '@acme/keyless-plugin',
        type: 'module',
        exports: { '.': { import: './index.js' } },
      }),
    );
    writeFileSync(join(pkg, 'index.js'), 'export default { name: "esm-acme" };');
    await expect(loadPlugin('@acme/keyless-plugin', { cwd: dir })).resolves.toEqual({ name: 'esm-acme' });
  });

  it('names the specifier and the folder when a package cannot be found', async () => {
    const err = await loadError('keyless-plugin-nowhere', root);
    expect(err.code).toBe('ERR_PLUGIN');
    expect(err.message).toBe(
      `plugin keyless-plugin-nowhere: cannot find package "keyless-plugin-nowhere" from ${root} (install it there, or give the path of a .mjs or .js file)`,
    );
  });

  it('names the missing file', async () => {
    const err = await loadError('./missing.mjs', root);
    expect(err.code).toBe('ERR_PLUGIN');
    expect(err.message).toBe(`plugin ./missing.mjs: no such file ${join(root, 'missing.mjs')}`);
  });

  it('reports a module that throws while loading', async () => {
    const { dir } = writeModule('throw new Error("no config\\nsecond line");');
    const err = await loadError('./plugin.mjs', dir);
    expect(err.code).toBe('ERR_PLUGIN');
    expect(err.message).toBe(`plugin ./plugin.mjs: failed to load ${join(dir, 'plugin.mjs')}: no config`);
  });
});

describe('loadPlugin: validating the default export', () => {
  const cases: [string, string, string][] = [
    ['no default export', 'export const name = "x";', 'has no default export'],
    ['a default export that is a function', 'export default () => {};', 'the default export is a function'],
    ['no name', 'export default { oidcProviders: [] };', 'has no name (a non-empty string)'],
    [
      'an unknown property',
      'export default { name: "x", oidcProvider: [] };',
      'unknown property "oidcProvider"',
    ],
    [
      'a list that is not an array',
      'export default { name: "x", trustRoots: {} };',
      'trustRoots is an object',
    ],
    [
      'a provider without getToken',
      'export default { name: "x", oidcProviders: [{ name: "p" }] };',
      'oidcProviders[0] ("p") has no getToken function',
    ],
    [
      'an entry without a name',
      'export default { name: "x", timestampSources: [{ timestamp() {} }] };',
      'timestampSources[0] has no name',
    ],
    [
      'a trust root without getTrustedRoot',
      'export default { name: "x", trustRoots: [{ name: "r", getTrustedRoot: 1 }] };',
      'trustRoots[0] ("r") has no getTrustedRoot function',
    ],
    [
      'two providers of the same name',
      'export default { name: "x", oidcProviders: [{ name: "p", getToken() {} }, { name: "p", getToken() {} }] };',
      'oidcProviders has two entries named "p"',
    ],
    [
      'a detect that is not a function',
      'export default { name: "x", oidcProviders: [{ name: "p", getToken() {}, detect: true }] };',
      'has a detect that is not a function',
    ],
  ];

  it.each(cases)('refuses %s', async (_what, source, message) => {
    const { dir } = writeModule(source);
    const err = await loadError('./plugin.mjs', dir);
    expect(err.code).toBe('ERR_PLUGIN');
    expect(err.message.startsWith('plugin ./plugin.mjs: ')).toBe(true);
    expect(err.message).toContain(message);
  });
});

describe('loadPlugin: calling a loaded plugin', () => {
  it('reports an error thrown by a provider as plugin <name>: <message>', async () => {
    const { dir } = writeModule(
      'export default { name: "acme", oidcProviders: [{ name: "p", getToken: async () => { throw new TypeError("vault sealed"); } }] };',
    );
    const plugin = await loadPlugin('./plugin.mjs', { cwd: dir });
    const err = await plugin.oidcProviders![0]!.getToken({ audience: 'sigstore' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('ERR_PLUGIN');
    expect((err as CoreError).message).toBe('plugin acme: vault sealed');
    expect((err as CoreError).cause).toBeInstanceOf(TypeError);
  });

  it('reports a detect that throws', async () => {
    const { dir } = writeModule(
      'export default { name: "acme", oidcProviders: [{ name: "p", getToken: async () => "t", detect() { throw new Error("no env"); } }] };',
    );
    const plugin = await loadPlugin('./plugin.mjs', { cwd: dir });
    await expect(plugin.oidcProviders![0]!.detect!()).rejects.toThrow('plugin acme: no env');
  });
});
