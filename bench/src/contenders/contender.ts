import type { BenchCase } from '../cases.js';

/** A verifier under test: built once, then asked to verify one case at a time. */
export interface Contender {
  name: string;
  /** Verifies one case; throws (or rejects) when the bundle does not verify. */
  verify(c: BenchCase): unknown;
}

/**
 * Verifies every case once and fails loudly on the first rejection: a throughput figure for a
 * verifier that rejects valid bundles would measure the error path, not verification.
 */
export async function assertVerifiesAll(contender: Contender, cases: readonly BenchCase[]): Promise<void> {
  for (const c of cases) {
    try {
      await contender.verify(c);
    } catch (cause) {
      const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      throw new Error(`${contender.name} rejected ${c.name}: ${detail}`, { cause });
    }
  }
}
