import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, readRealdata, readRealdataJson } from '@keyless/testkit';

/** Bundle JSON as tests poke at it: any shape, on purpose, since tampering is the point. */
// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary fields of bundle JSON
export type BundleJson = Record<string, any>;

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const CONFORMANCE_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';

export function productionTrustedRoot(): Record<string, unknown> {
  return readRealdataJson('trust/production/trusted_root.json');
}

/** A conformance case: its bundle JSON, artifact bytes, and trusted root (its own or production). */
export function conformanceCase(name: string) {
  const dir = join(conformanceDir, name);
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file));
    } catch {
      return undefined;
    }
  };
  const bundle = JSON.parse(readFileSync(join(dir, 'bundle.sigstore.json'), 'utf8')) as BundleJson;
  const artifact = read('artifact') ?? readFileSync(join(conformanceDir, 'a.txt'));
  const ownRoot = read('trusted_root.json');
  const trustedRoot = ownRoot ? JSON.parse(ownRoot.toString('utf8')) : productionTrustedRoot();
  return {
    bundle,
    artifact,
    trustedRoot,
    identity: read('identity')?.toString('utf8').trim() ?? CONFORMANCE_IDENTITY,
    issuer: read('issuer')?.toString('utf8').trim() ?? GITHUB_ISSUER,
  };
}

export function realBundle(path: string): BundleJson {
  return readRealdataJson(`bundles/${path}`);
}

export function realFile(path: string): Buffer {
  return readRealdata(path);
}

/** A deep copy, so a test can tamper with it freely. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Flips one bit of a base64 field's decoded bytes, at `index` (negative counts from the end). */
export function flipBase64(value: string, index = -1): string {
  const bytes = Buffer.from(value, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64');
}
