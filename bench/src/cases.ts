import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, realdataPath } from '@keyless/testkit';

/**
 * The conformance suite's happy paths that are signed by the public-good production instance: they
 * carry no `trusted_root.json` or `key.pub` of their own, so one production trusted root verifies
 * them all.
 */
export const PRODUCTION_HAPPY_PATHS = [
  'happy-path-v0.1',
  'happy-path-v0.2',
  'happy-path-v0.3',
  'happy-path-v0.3-new-mediaType',
  'happy-path-intoto-in-dsse-v3',
] as const;

// The suite's defaults when a case has no `identity` / `issuer` file (its README.md says so).
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

/** One bundle to verify, with everything a verifier needs, read from disk once. */
export interface BenchCase {
  name: string;
  /** Path of the bundle file (for the CLI one-shot run). */
  bundlePath: string;
  /** Path of the artifact file. */
  artifactPath: string;
  /** The bundle JSON, parsed once. */
  bundleJson: unknown;
  /** The bundle file's size in bytes. */
  bundleBytes: number;
  artifact: Buffer;
  identity: string;
  issuer: string;
}

function readOptionalText(path: string, fallback: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : fallback;
}

/** Loads one conformance case; refuses a case that would need anything but the production root. */
export function loadCase(name: string): BenchCase {
  const dir = join(conformanceDir, name);
  for (const own of ['trusted_root.json', 'key.pub']) {
    if (existsSync(join(dir, own))) {
      throw new Error(
        `case ${name} has its own ${own}: it does not verify against the production trusted root`,
      );
    }
  }
  const bundlePath = join(dir, 'bundle.sigstore.json');
  const bundleText = readFileSync(bundlePath, 'utf8');
  const ownArtifact = join(dir, 'artifact');
  const artifactPath = existsSync(ownArtifact) ? ownArtifact : join(conformanceDir, 'a.txt');
  return {
    name,
    bundlePath,
    artifactPath,
    bundleJson: JSON.parse(bundleText),
    bundleBytes: Buffer.byteLength(bundleText),
    artifact: readFileSync(artifactPath),
    identity: readOptionalText(join(dir, 'identity'), DEFAULT_IDENTITY),
    issuer: readOptionalText(join(dir, 'issuer'), DEFAULT_ISSUER),
  };
}

/** All production happy-path cases. */
export function loadCases(): BenchCase[] {
  return PRODUCTION_HAPPY_PATHS.map(loadCase);
}

/** The public-good production trusted root, parsed. */
export function loadProductionTrustedRoot(): unknown {
  return JSON.parse(readFileSync(realdataPath('trust/production/trusted_root.json'), 'utf8'));
}
