// Bundles the CLI into dist/ with esbuild: one ESM entry per binary, shared chunks, and code that
// only some runs need (yargs for --help, the TUF client for online refreshes) split out so that
// it loads on demand.
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(appDir, 'dist');

// `new URL('./file', import.meta.url)` names a file next to the module that reads it; once
// bundled, the module lives in dist/, so the file is copied to dist/assets/ and the URL rewritten.
const ASSET_URL = /new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g;

/** @type {import('esbuild').Plugin} */
const assetUrls = {
  name: 'asset-urls',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.[cm]?[jt]s$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const copies = [];
      const contents = source.replace(ASSET_URL, (_match, quote, relative) => {
        const asset = resolve(dirname(args.path), relative);
        const name = basename(asset);
        copies.push(
          stat(asset).then(async (info) => {
            if (!info.isFile()) throw new Error(`${args.path}: ${relative} is not a file`);
            await mkdir(join(outdir, 'assets'), { recursive: true });
            await copyFile(asset, join(outdir, 'assets', name));
          }),
        );
        return `new URL(${quote}./assets/${name}${quote}, import.meta.url)`;
      });
      await Promise.all(copies);
      return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
    });
  },
};

// With code splitting, esbuild turns `await import('some-commonjs-package')` into a chunk whose only
// export is `default`, where Node would also offer the named exports. Such imports go through a
// small ESM facade, so that the bundled code sees the same names as under Node.
/** @type {import('esbuild').Plugin} */
const commonJsDynamicImports = {
  name: 'commonjs-dynamic-imports',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData?.facade) return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: 'import-statement',
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { facade: true },
      });
      if (resolved.errors.length > 0 || !(await isCommonJs(resolved.path))) return undefined;
      return { path: resolved.path, namespace: 'commonjs-facade' };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'commonjs-facade' }, async (args) => {
      // The names Node itself would offer (it finds them by static analysis of the module).
      const names = Object.keys(await import(pathToFileURL(args.path).href)).filter(
        (name) => name !== 'default' && name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name),
      );
      const path = JSON.stringify(args.path);
      const contents = [
        `const mod = require(${path});`,
        'export default mod;',
        ...names.map((name) => `export const ${name} = mod.${name};`),
      ].join('\n');
      return { contents, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

/** Whether a resolved file in node_modules is CommonJS, by Node's rules (extension, nearest package.json). */
async function isCommonJs(path) {
  if (!path.includes(`${sep}node_modules${sep}`)) return false;
  if (path.endsWith('.cjs')) return true;
  if (!path.endsWith('.js')) return false;
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined) return JSON.parse(manifest).type !== 'module';
  }
  return true;
}

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: appDir,
  entryPoints: {
    keyless: 'src/entries/keyless.ts',
    'keyless-conformance': 'src/entries/keyless-conformance.ts',
  },
  outdir,
  // Chunks stay beside the entries, so every module in dist/ resolves ./assets/ the same way.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Workspace packages are bundled from their TypeScript sources: no separate build needed.
  conditions: ['@keyless/source'],
  // CommonJS dependencies (the TUF client's) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __keylessRequire } from 'node:module';\nconst require = __keylessRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [assetUrls, commonJsDynamicImports],
}).catch(() => {
  // esbuild has already printed the errors.
  process.exit(1);
});

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(`bundled ${outputs.length} files (${(total / 1024).toFixed(0)} KiB) into ${outdir}`);
