import { decodeBase64Strict } from '@keyless/core';
import { RekorError } from '../errors.js';
import { type NoteSignature, SIGNATURE_LINE_PREFIX, type SignedCheckpoint } from './types.js';

/** More signature lines than any log and its witnesses write; the signed-note spec asks for at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;
const KEY_NAME_FORBIDDEN = /[\s+]/u;

function invalid(message: string): never {
  throw new RekorError('ERR_TLOG_CHECKPOINT_INVALID', `malformed checkpoint: ${message}`);
}

/**
 * Parses a C2SP signed-note checkpoint (the `checkpoint.envelope` of an inclusion proof). Checks the
 * format only; {@link verifyCheckpoint} checks who signed it. Throws
 * `RekorError('ERR_TLOG_CHECKPOINT_INVALID')` naming what is wrong.
 *
 * @example
 * ```ts
 * const cp = parseCheckpoint(entry.inclusionProof.checkpoint.envelope);
 * cp.origin; // 'rekor.sigstore.dev - 1193050959916656506'
 * ```
 */
export function parseCheckpoint(envelope: string): SignedCheckpoint {
  if (envelope.length === 0) invalid('it is empty');
  for (let i = 0; i < envelope.length; i++) {
    const c = envelope.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a)
      invalid(`control character 0x${c.toString(16).padStart(2, '0')} at offset ${i}`);
  }
  if (!envelope.endsWith('\n')) invalid('it does not end with a newline');
  // The text is separated from the signatures by the last empty line.
  const separator = envelope.lastIndexOf('\n\n');
  if (separator < 0) invalid('no blank line between the note text and its signatures');
  const text = envelope.slice(0, separator + 1);
  const signatures = parseSignatureLines(envelope.slice(separator + 2));
  return { ...parseNoteText(text), text, signatures };
}

function parseNoteText(text: string): Omit<SignedCheckpoint, 'text' | 'signatures'> {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3)
    invalid(`note text has ${lines.length} lines; origin, tree size and root hash are required`);
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) invalid('the origin line is empty');
  if (!TREE_SIZE.test(size)) invalid(`tree size "${size}" is not a decimal number`);
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) invalid(`tree size ${size} is too large`);
  const rootHash = decodeBase64Strict(root);
  if (!rootHash || rootHash.length === 0) invalid(`root hash "${root}" is not base64`);
  if (extensions.some((line) => line.length === 0)) invalid('an extension line is empty');
  return { origin, treeSize, rootHash, extensions };
}

function parseSignatureLines(block: string): NoteSignature[] {
  if (block.length === 0) invalid('it has no signature lines');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) invalid(`more than ${MAX_NOTE_SIGNATURES} signature lines`);
  return lines.map(parseSignatureLine);
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) invalid(`signature line "${line}" does not start with "— "`);
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space <= 0 || rest.indexOf(' ', space + 1) !== -1) {
    invalid(`signature line "${line}" is not "— <key name> <base64 signature>"`);
  }
  const name = rest.slice(0, space);
  if (KEY_NAME_FORBIDDEN.test(name)) invalid(`key name "${name}" contains a space or "+"`);
  const bytes = decodeBase64Strict(rest.slice(space + 1));
  if (!bytes) invalid(`signature of "${name}" is not base64`);
  if (bytes.length < 5) invalid(`signature of "${name}" is too short to hold a key ID and a signature`);
  const keyId = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return { name, keyId, signature: bytes.subarray(4) };
}
