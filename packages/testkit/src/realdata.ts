import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding pnpm-workspace.yaml). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Public Sigstore test vectors live beside the project, not in it: `../shared/realdata` from the
 * repository root, or wherever `KEYLESS_REALDATA` points.
 */
export const realdataDir = process.env.KEYLESS_REALDATA ?? resolve(repoRoot, '../shared/realdata');

export function realdataPath(...parts: string[]): string {
  return join(realdataDir, ...parts);
}

export function readRealdata(...parts: string[]): Buffer {
  return readFileSync(realdataPath(...parts));
}

export function readRealdataJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readRealdata(...parts).toString('utf8')) as T;
}

export function hasRealdata(): boolean {
  return existsSync(realdataDir);
}

export const conformanceDir = realdataPath('conformance/test/assets/bundle-verify');
