/**
 * C2SP checkpoint (c2sp.org/tlog-checkpoint) and signed note (c2sp.org/signed-note) types, shared
 * by the verifier and a log that writes checkpoints.
 */

/** The note text of a checkpoint: a log's tree head. */
export interface CheckpointNote {
  /** First line: the log's identity, e.g. `log2025-alpha1.rekor.sigstage.dev` or `rekor.sigstore.dev - 1193050959916656506`. */
  origin: string;
  /** Second line: number of leaves in the tree. */
  treeSize: number;
  /** Third line: the RFC 6962 root hash at `treeSize`. */
  rootHash: Uint8Array;
  /** Optional further lines, opaque (Rekor v1 writes `Timestamp: <ns>`). */
  extensions: string[];
}

/** One signature line of a signed note: `— <name> base64(keyId || signature)`. */
export interface NoteSignature {
  /** Key name. */
  name: string;
  /** The 32-bit big-endian key ID that prefixes the signature bytes. */
  keyId: number;
  signature: Uint8Array;
}

/** A parsed checkpoint: its note fields, the exact signed text, and every signature line. */
export interface SignedCheckpoint extends CheckpointNote {
  /** The note text the signatures cover, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

/** The separator of a signature line: em dash (U+2014) and a space. */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';
