import type { PreparedLog } from '@keyless/core';
import { verifySignature } from '@keyless/core';
import { RekorError } from '../errors.js';
import { type CheckpointKey, checkpointKeyForLog, originMatches } from './log-key.js';
import type { NoteSignature, SignedCheckpoint } from './types.js';

/**
 * Verifies that `checkpoint` was signed by `log`: its origin names the log, and among its signature
 * lines at least one carries the log's key name and key ID and verifies. Lines from other keys
 * (witness cosignatures, a rotated key) are ignored, as the signed-note spec requires; a line that
 * claims the log's name and key ID but does not verify rejects the whole note. Returns the log's
 * signature line. Throws `RekorError('ERR_TLOG_CHECKPOINT_INVALID')`.
 *
 * @example
 * ```ts
 * const cp = parseCheckpoint(proof.checkpoint.envelope);
 * verifyCheckpoint(cp, log);
 * ```
 */
export function verifyCheckpoint(checkpoint: SignedCheckpoint, log: PreparedLog): NoteSignature {
  const key = checkpointKeyForLog(log);
  if (!originMatches(checkpoint.origin, key.name)) {
    throw new RekorError(
      'ERR_TLOG_CHECKPOINT_INVALID',
      `checkpoint origin "${checkpoint.origin}" is not the log ${key.name}`,
    );
  }
  return verifyCheckpointSignature(checkpoint, key);
}

/** The signature step of {@link verifyCheckpoint}, for a key that is not from a trusted root. */
export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, key: CheckpointKey): NoteSignature {
  let verified: NoteSignature | undefined;
  let text: Buffer | undefined;
  for (const sig of checkpoint.signatures) {
    if (sig.name !== key.name || sig.keyId !== key.keyId) continue;
    text ??= Buffer.from(checkpoint.text, 'utf8');
    if (!verifySignature(key.key, text, sig.signature, { hash: key.hash })) {
      throw new RekorError(
        'ERR_TLOG_CHECKPOINT_INVALID',
        `checkpoint signature of ${key.name} does not verify`,
      );
    }
    verified ??= sig;
  }
  if (!verified) {
    throw new RekorError(
      'ERR_TLOG_CHECKPOINT_INVALID',
      `checkpoint has no signature from ${key.name} with key ID ${key.keyId.toString(16).padStart(8, '0')}`,
    );
  }
  return verified;
}
