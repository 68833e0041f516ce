import { createHash } from 'node:crypto';
import { bytesEqual, type HashAlgorithm, type MessageSignature, nodeHashName } from '@keyless/core';
import { VerificationError } from '../errors.js';
import type { VerificationInput } from '../types.js';

const DIGEST_INPUT = /^(sha256:[0-9a-fA-F]{64}|sha384:[0-9a-fA-F]{96}|sha512:[0-9a-fA-F]{128})$/;

/**
 * The artifact as the verifier knows it: its bytes (any digest can be computed) or only one digest
 * (`sha256:<hex>`, also `sha384:` and `sha512:`, e.g. for npm provenance subjects).
 */
export class Artifact {
  private readonly digests = new Map<string, Uint8Array>();

  private constructor(
    readonly bytes: Uint8Array | undefined,
    known?: { name: string; digest: Uint8Array },
  ) {
    if (known) this.digests.set(known.name, known.digest);
  }

  static from(input: VerificationInput): Artifact {
    if (input && 'artifact' in input && input.artifact instanceof Uint8Array)
      return new Artifact(input.artifact, undefined);
    if (input && 'digest' in input && typeof input.digest === 'string') {
      const match = DIGEST_INPUT.exec(input.digest);
      if (!match) {
        throw new VerificationError(
          'ERR_INVALID_INPUT',
          `artifact digest must look like sha256:<64 hex digits>, got "${input.digest.slice(0, 80)}"`,
        );
      }
      const [name, hex] = input.digest.split(':') as [string, string];
      return new Artifact(undefined, { name, digest: Buffer.from(hex, 'hex') });
    }
    throw new VerificationError(
      'ERR_INVALID_INPUT',
      'verification input must be { artifact: Uint8Array } or { digest: "sha256:<hex>" }',
    );
  }

  /** The artifact's digest with Node hash `name`, or `undefined` if only another digest is known. */
  digest(name: string): Uint8Array | undefined {
    let value = this.digests.get(name);
    if (!value && this.bytes) {
      value = createHash(name).update(this.bytes).digest();
      this.digests.set(name, value);
    }
    return value;
  }
}

/**
 * For a message signature: the digest of the artifact in the algorithm the bundle uses, after
 * checking the bundle's (unauthenticated) `messageDigest` hint agrees with the artifact.
 */
export function artifactDigestFor(
  artifact: Artifact,
  messageSignature: MessageSignature,
): { algorithm: HashAlgorithm; digest: Uint8Array } {
  const algorithm = messageSignature.messageDigest?.algorithm ?? 'SHA2_256';
  const digest = artifact.digest(nodeHashName(algorithm));
  if (!digest) {
    throw new VerificationError(
      'ERR_INVALID_INPUT',
      `bundle signs a ${algorithm} digest but a digest of another kind was given: pass the artifact file instead`,
    );
  }
  if (messageSignature.messageDigest && !bytesEqual(messageSignature.messageDigest.digest, digest)) {
    throw new VerificationError(
      'ERR_ARTIFACT_MISMATCH',
      'artifact digest does not match the digest recorded in the bundle',
    );
  }
  return { algorithm, digest };
}

const IN_TOTO_DIGEST_NAMES: Record<string, string> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
};

interface InTotoSubject {
  name?: string;
  digest?: Record<string, unknown>;
}

/** The in-toto statement's subjects; throws if the payload is not an in-toto statement. */
export function parseInTotoSubjects(payload: Uint8Array): InTotoSubject[] {
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (cause) {
    throw new VerificationError('ERR_BUNDLE_INVALID', 'DSSE payload is not a JSON in-toto statement', {
      cause,
    });
  }
  const subjects = (statement as { subject?: unknown })?.subject;
  if (!Array.isArray(subjects)) {
    throw new VerificationError('ERR_BUNDLE_INVALID', 'in-toto statement has no subject list');
  }
  return subjects as InTotoSubject[];
}

/** Requires that the artifact matches some subject of the in-toto statement; returns its name. */
export function assertArtifactIsSubject(artifact: Artifact, subjects: readonly InTotoSubject[]): string {
  for (const subject of subjects) {
    for (const [algorithm, expected] of Object.entries(subject.digest ?? {})) {
      const name = IN_TOTO_DIGEST_NAMES[algorithm.toLowerCase()];
      if (!name || typeof expected !== 'string') continue;
      const actual = artifact.digest(name);
      if (actual && Buffer.from(actual).toString('hex') === expected.toLowerCase()) {
        return subject.name ?? `${algorithm}:${expected}`;
      }
    }
  }
  throw new VerificationError(
    'ERR_ARTIFACT_MISMATCH',
    'artifact does not match any subject of the in-toto statement',
  );
}
