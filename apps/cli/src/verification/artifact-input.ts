import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from '../errors.js';

/** What the user asked to verify: a file on disk, or only its SHA-256 digest. */
export type ArtifactInput = { kind: 'file'; path: string } | { kind: 'digest'; digest: `sha256:${string}` };

const PREFIX = 'sha256:';
const DIGEST_LENGTH = PREFIX.length + 64;
const HEX64 = /^[0-9a-fA-F]{64}$/;

/**
 * Reads a `FILE_OR_DIGEST` argument the way the Sigstore conformance protocol defines it: a digest
 * starts with `sha256:`, has the length of a hex SHA-256 digest and is not a path on disk;
 * anything else is a path. A digest-shaped value that is not hex is a usage error rather than a
 * missing file, since that is almost certainly what was meant.
 *
 * @example
 * ```ts
 * parseArtifactInput('a.txt', '/work');                  // { kind: 'file', path: '/work/a.txt' }
 * parseArtifactInput(`sha256:${'ab'.repeat(32)}`, '/w'); // { kind: 'digest', digest: 'sha256:abab…' }
 * ```
 */
export function parseArtifactInput(
  value: string,
  cwd: string,
  exists: (path: string) => boolean = existsSync,
): ArtifactInput {
  const path = resolve(cwd, value);
  if (!value.startsWith(PREFIX) || value.length !== DIGEST_LENGTH || exists(path))
    return { kind: 'file', path };
  const hex = value.slice(PREFIX.length);
  if (!HEX64.test(hex)) {
    throw usageError(`"${value}" is neither a file nor a SHA-256 digest (sha256: and 64 hex digits)`);
  }
  return { kind: 'digest', digest: `sha256:${hex.toLowerCase()}` };
}
