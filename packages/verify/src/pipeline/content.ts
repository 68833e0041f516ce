import { type Bundle, bytesEqual, DSSE_INTOTO_PAYLOAD_TYPE, type HashAlgorithm, sha256 } from '@keyless/core';
import { VerificationError } from '../errors.js';
import type { CheckLog } from '../result.js';
import {
  type Artifact,
  artifactDigestFor,
  assertArtifactIsSubject,
  parseInTotoSubjects,
} from './artifact.js';
import { assertEnvelopeSignature, assertMessageSignature } from './signature.js';
import type { SignerMaterial } from './signer.js';

/**
 * Checks that the bundle's content is about this artifact and that its signature verifies.
 * Returns the artifact digest a hashedrekord log entry must record (message signatures only).
 */
export function verifyContent(
  bundle: Bundle,
  artifact: Artifact,
  signer: SignerMaterial,
  log: CheckLog,
): { algorithm: HashAlgorithm; digest: Uint8Array } | undefined {
  const { content } = bundle;
  if (content.type === 'messageSignature') {
    const digest = artifactDigestFor(artifact, content.messageSignature);
    log.passed(
      'artifact',
      `artifact ${digest.algorithm} digest ${Buffer.from(digest.digest).toString('hex')} is the one signed`,
    );
    assertMessageSignature(signer.key, content.messageSignature.signature, artifact, digest);
    log.passed('signature', 'signature over the artifact verified with the signing key');
    return digest;
  }
  const envelope = content.dsseEnvelope;
  if (envelope.payloadType === DSSE_INTOTO_PAYLOAD_TYPE) {
    const subject = assertArtifactIsSubject(artifact, parseInTotoSubjects(envelope.payload));
    log.passed('artifact', `artifact matches in-toto subject ${subject}`);
  } else {
    const digest = artifact.digest('sha256');
    if (!digest || !bytesEqual(digest, sha256(envelope.payload))) {
      throw new VerificationError(
        'ERR_ARTIFACT_MISMATCH',
        `artifact is not the DSSE payload (payload type ${envelope.payloadType})`,
      );
    }
    log.passed('artifact', 'artifact is the DSSE payload');
  }
  assertEnvelopeSignature(signer.key, envelope);
  log.passed('signature', 'DSSE envelope signature verified with the signing key');
  return undefined;
}
