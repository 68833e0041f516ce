import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { ProposedEntry } from '@keyless/core';

/**
 * Hashed-rekord proposals as a signer sends them: a P-256 signature over the SHA-256 digest of a
 * random 32-byte artifact, with the public key as the verifier. Made ahead of a timed run, so that
 * the run measures the log rather than the signing.
 */
export class EntryFactory {
  private readonly key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  private readonly spki = new Uint8Array(this.key.publicKey.export({ format: 'der', type: 'spki' }));
  private pool: ProposedEntry[] = [];
  private taken = 0;

  /** Makes `count` proposals now. */
  prepare(count: number): void {
    this.pool = Array.from({ length: count }, () => this.make());
    this.taken = 0;
  }

  /** A proposal never handed out before: from the prepared ones, or made now when they ran out. */
  take(): ProposedEntry {
    return this.taken < this.pool.length ? this.pool[this.taken++]! : this.make();
  }

  private make(): ProposedEntry {
    const artifact = randomBytes(32);
    return {
      kind: 'hashedrekord',
      digest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(artifact).digest() },
      signature: sign('sha256', artifact, this.key.privateKey),
      verifier: { type: 'publicKey', der: this.spki },
    };
  }
}
