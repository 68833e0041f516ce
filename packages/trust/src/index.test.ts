import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as trust from './index.js';

const srcDir = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('@keyless/trust', () => {
  it('exports the trust root sources by their documented names', () => {
    for (const name of [
      'publicGoodTrustRoot',
      'stagingTrustRoot',
      'fileTrustRoot',
      'jsonTrustRoot',
      'compositeTrustRoot',
      'embeddedPublicGoodTrustedRoot',
      'isOfflineFromEnv',
      'defaultCacheDir',
      'TrustError',
    ]) {
      expect(typeof (trust as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('loads tuf-js only with a dynamic import, never at module load', () => {
    const staticImports = sourceFiles(srcDir).filter((path) =>
      /^import\s+(?!type\b)[^;]*from\s+'tuf-js[^']*'/m.test(readFileSync(path, 'utf8')),
    );
    expect(staticImports.map((path) => relative(srcDir, path))).toEqual([]);
  });
});
