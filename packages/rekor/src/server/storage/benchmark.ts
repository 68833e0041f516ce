import { randomBytes } from 'node:crypto';
import { hashLeaf } from '../../merkle/hash.js';
import { verifyInclusionProof } from '../../merkle/inclusion.js';
import { LogStorage } from './log-storage.js';

/** Options of {@link benchmarkLogStorage}. */
export interface StorageBenchmarkOptions {
  /** An empty directory to build the log in (left in place; delete it afterwards). */
  dir: string;
  /** Entries to bulk-load. Default 1 000 000. */
  entries?: number;
  /** Bytes per synthetic entry. Default 256. */
  leafBytes?: number;
  /** Proofs of each kind to time. Default 2000. */
  proofs?: number;
  /** Single durable appends to time after the bulk load, all in flight together. Default 10 000. */
  appends?: number;
}

/** What {@link benchmarkLogStorage} measured. */
export interface StorageBenchmarkResult {
  entries: number;
  /** Bulk load (one fsync and checkpoint at the end). */
  buildMs: number;
  /** Mean time of an inclusion proof at random indexes of the full tree. */
  inclusionProofMicros: number;
  /** Mean time of a consistency proof from a random size to the full tree. */
  consistencyProofMicros: number;
  /** Single appends per second, group-committed with fsync. */
  appendsPerSecond: number;
  /** Opening the closed log again (checkpoint read, tables loaded). */
  reopenMs: number;
}

/**
 * Measures the storage engine: bulk-loads `entries` synthetic entries, times inclusion and
 * consistency proofs on the full tree (checking a sample of them), then durable single appends
 * and a reopen. For benchmarks; a million entries take a few seconds and ~400 MB of disk.
 *
 * @example
 * ```ts
 * const result = await benchmarkLogStorage({ dir: mkdtempSync(join(tmpdir(), 'log-')), entries: 1_000_000 });
 * console.log(`${result.inclusionProofMicros.toFixed(0)} µs per proof`);
 * ```
 */
export async function benchmarkLogStorage(options: StorageBenchmarkOptions): Promise<StorageBenchmarkResult> {
  const entries = options.entries ?? 1_000_000;
  const leafBytes = Math.max(8, options.leafBytes ?? 256);
  const proofs = options.proofs ?? 2000;
  const appends = options.appends ?? 10_000;
  const filler = randomBytes(leafBytes);
  const leafFor = (i: number) => {
    const leaf = Buffer.from(filler);
    leaf.writeUIntBE(i, 0, 6);
    return leaf;
  };

  const log = LogStorage.open(options.dir);
  let start = performance.now();
  await log.appendBatch(
    (function* () {
      for (let i = 0; i < entries; i++) yield { leaf: leafFor(i) };
    })(),
  );
  const buildMs = performance.now() - start;

  const root = log.rootHash();
  const indexes = Array.from({ length: proofs }, () => Math.floor(Math.random() * entries));
  start = performance.now();
  const paths = indexes.map((i) => log.inclusionProof(i));
  const inclusionProofMicros = ((performance.now() - start) * 1000) / proofs;
  for (let k = 0; k < Math.min(50, proofs); k++) {
    const logIndex = indexes[k]!;
    verifyInclusionProof({
      logIndex,
      treeSize: entries,
      leafHash: hashLeaf(leafFor(logIndex)),
      hashes: paths[k]!,
      rootHash: root,
    });
  }

  start = performance.now();
  for (const i of indexes) log.consistencyProof(i + 1);
  const consistencyProofMicros = ((performance.now() - start) * 1000) / proofs;

  start = performance.now();
  const pending = Array.from(
    { length: appends },
    (_, k) => log.append({ leaf: leafFor(entries + k) }).durable,
  );
  await Promise.all(pending);
  const appendsPerSecond = appends / ((performance.now() - start) / 1000);
  await log.close();

  start = performance.now();
  const reopened = LogStorage.open(options.dir);
  const reopenMs = performance.now() - start;
  await reopened.close();
  return { entries, buildMs, inclusionProofMicros, consistencyProofMicros, appendsPerSecond, reopenMs };
}
