import { encodeBase64 } from '@keyless/core';
import { type CheckpointNote, type NoteSignature, SIGNATURE_LINE_PREFIX } from './types.js';

/**
 * The note text of a checkpoint, the bytes a log signs.
 *
 * @example
 * ```ts
 * formatCheckpointNote({ origin: 'log.example', treeSize: 3, rootHash, extensions: [] });
 * // 'log.example\n3\n<base64 root>\n'
 * ```
 */
export function formatCheckpointNote(note: CheckpointNote): string {
  const lines = [note.origin, String(note.treeSize), encodeBase64(note.rootHash), ...note.extensions];
  return `${lines.join('\n')}\n`;
}

/** A complete signed note: the text, a blank line, and one `— <name> <base64>` line per signature. */
export function formatSignedNote(text: string, signatures: readonly NoteSignature[]): string {
  let note = `${text}\n`;
  for (const sig of signatures) {
    const bytes = new Uint8Array(4 + sig.signature.length);
    new DataView(bytes.buffer).setUint32(0, sig.keyId);
    bytes.set(sig.signature, 4);
    note += `${SIGNATURE_LINE_PREFIX}${sig.name} ${encodeBase64(bytes)}\n`;
  }
  return note;
}
