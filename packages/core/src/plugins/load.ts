import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CoreError } from '../errors/keyless-error.js';
import type { KeylessPlugin } from './plugin.js';
import { wrapPlugin } from './wrap.js';

/*
 * Plugin lifecycle
 *
 * 1. Resolve: a specifier that starts with `.`, `/` or `file:`, or is absolute, or names an
 *    existing `.mjs`/`.js`/`.cjs` file, is a path relative to `cwd`; anything else is an npm
 *    package name resolved from `cwd` the way `node` would from a file in that folder.
 * 2. Import: the module is imported once (Node caches it); its top-level code runs now, with the
 *    full rights of the process. A plugin is trusted code: load only what you would `npm install`.
 * 3. Validate: the default export must be `{ name, oidcProviders?, trustRoots?, timestampSources? }`
 *    and every entry must have a `name` and its interface's methods; nothing else is accepted.
 * 4. Use: the returned plugin's entries are wrapped (see `wrap.ts`) so that whatever they throw
 *    or return wrongly is reported as `plugin <name>: ...` with code `ERR_PLUGIN`. Nothing is
 *    called at load time: `detect()` runs when a provider is chosen, `getToken()` when a token is
 *    needed, and so on. There are no start or stop hooks.
 */

/** Options of {@link loadPlugin}. */
export interface LoadPluginOptions {
  /** Folder that relative paths and package names are resolved from. Default `process.cwd()`. */
  cwd?: string;
}

const PLUGIN_KEYS = new Set(['name', 'oidcProviders', 'trustRoots', 'timestampSources']);

/** The methods each kind of entry must have, by the plugin property that lists them. */
const ENTRY_METHODS = {
  oidcProviders: ['getToken'],
  trustRoots: ['getTrustedRoot'],
  timestampSources: ['timestamp'],
} as const;

const FILE_EXTENSION = /\.(mjs|cjs|js)$/;

function pluginError(specifier: string, message: string, cause?: unknown): CoreError {
  return new CoreError('ERR_PLUGIN', `plugin ${specifier}: ${message}`, cause === undefined ? {} : { cause });
}

function isPathSpecifier(specifier: string, cwd: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) return true;
  if (isAbsolute(specifier)) return true;
  // `acme.mjs` is a file when one is there; otherwise it may be a package such as `chart.js`.
  return FILE_EXTENSION.test(specifier) && existsSync(resolve(cwd, specifier));
}

function resolveFile(specifier: string, cwd: string): string {
  const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : resolve(cwd, specifier);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw pluginError(specifier, `no such file ${path}`);
  }
  if (!isFile) throw pluginError(specifier, `${path} is not a file`);
  return path;
}

/** The entry file of an ESM-only package, whose `exports` have an `import` but no `require` condition. */
function importEntryOf(packageDir: string): string | undefined {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    module?: unknown;
    main?: unknown;
  };
  let target: unknown = manifest.exports;
  if (typeof target === 'object' && target !== null && '.' in target)
    target = (target as { '.': unknown })['.'];
  for (let depth = 0; depth < 4 && typeof target === 'object' && target !== null; depth++) {
    const conditions = target as Record<string, unknown>;
    target = conditions.node ?? conditions.import ?? conditions.default;
  }
  if (typeof target === 'string') return join(packageDir, target);
  const main = typeof manifest.module === 'string' ? manifest.module : manifest.main;
  return typeof main === 'string' ? join(packageDir, main) : undefined;
}

/** Finds `node_modules/<name>` from `cwd` upwards, as Node's resolver does. */
function findPackageDir(name: string, cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function resolvePackage(specifier: string, cwd: string): string {
  const require = createRequire(join(resolve(cwd), 'package.json'));
  try {
    return require.resolve(specifier);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      const dir = findPackageDir(specifier, cwd);
      const entry = dir && importEntryOf(dir);
      if (entry && existsSync(entry)) return entry;
    }
    throw pluginError(
      specifier,
      `cannot find package "${specifier}" from ${resolve(cwd)} (install it there, or give the path of a .mjs or .js file)`,
      err,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Checks the default export against the {@link KeylessPlugin} shape; throws `ERR_PLUGIN` otherwise. */
function validatePlugin(specifier: string, value: unknown): KeylessPlugin {
  const fail = (message: string) => pluginError(specifier, message);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(
      `the default export is ${describe(value)}; export default { name, oidcProviders?, trustRoots?, timestampSources? }`,
    );
  }
  const plugin = value as Record<string, unknown>;
  for (const key of Object.keys(plugin)) {
    if (!PLUGIN_KEYS.has(key)) {
      throw fail(`unknown property "${key}" (expected name, oidcProviders, trustRoots, timestampSources)`);
    }
  }
  if (typeof plugin.name !== 'string' || plugin.name.trim() === '')
    throw fail('has no name (a non-empty string)');
  for (const [key, methods] of Object.entries(ENTRY_METHODS)) {
    const entries = plugin[key];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) throw fail(`${key} is ${describe(entries)}, not an array`);
    const names = new Set<string>();
    entries.forEach((entry: unknown, i) => {
      const at = `${key}[${i}]`;
      if (typeof entry !== 'object' || entry === null)
        throw fail(`${at} is ${describe(entry)}, not an object`);
      const { name } = entry as { name?: unknown };
      if (typeof name !== 'string' || name.trim() === '')
        throw fail(`${at} has no name (a non-empty string)`);
      if (names.has(name)) throw fail(`${key} has two entries named "${name}"`);
      names.add(name);
      for (const method of methods) {
        if (typeof (entry as Record<string, unknown>)[method] !== 'function') {
          throw fail(`${at} ("${name}") has no ${method} function`);
        }
      }
      const { detect } = entry as { detect?: unknown };
      if (key === 'oidcProviders' && detect !== undefined && typeof detect !== 'function') {
        throw fail(`${at} ("${name}") has a detect that is not a function`);
      }
    });
  }
  return plugin as unknown as KeylessPlugin;
}

/**
 * Loads a plugin module: a path to a `.mjs`/`.js` file (relative to `cwd`, or absolute) or an npm
 * package name resolved from `cwd`. Its default export must be a {@link KeylessPlugin}; the
 * plugin returned has its entries wrapped so that their failures surface as `CoreError`
 * `ERR_PLUGIN` with the message `plugin <name>: <what went wrong>`. Any problem loading it is a
 * `CoreError` `ERR_PLUGIN` whose message starts with `plugin <specifier>:`.
 *
 * @example
 * ```ts
 * const acme = await loadPlugin('./acme.mjs');
 * const token = await acme.oidcProviders?.[0]?.getToken({ audience: 'sigstore' });
 * ```
 */
export async function loadPlugin(specifier: string, options: LoadPluginOptions = {}): Promise<KeylessPlugin> {
  const cwd = options.cwd ?? process.cwd();
  if (specifier.trim() === '') throw pluginError('""', 'the plugin specifier is empty');
  const path = isPathSpecifier(specifier, cwd) ? resolveFile(specifier, cwd) : resolvePackage(specifier, cwd);
  let module: { default?: unknown };
  try {
    module = (await import(/* @vite-ignore */ pathToFileURL(path).href)) as { default?: unknown };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw pluginError(specifier, `failed to load ${path}: ${reason}`, err);
  }
  if (!('default' in module) || module.default === undefined) {
    throw pluginError(
      specifier,
      `${path} has no default export; export default { name, oidcProviders?, trustRoots?, timestampSources? }`,
    );
  }
  return wrapPlugin(validatePlugin(specifier, module.default));
}
