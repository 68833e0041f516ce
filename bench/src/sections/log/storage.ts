import { benchmarkLogStorage, LogStorage, type StorageBenchmarkResult } from '@keyless/rekor/server';
import { median } from '../../measure.js';
import { diskBytes } from '../../temp-dir.js';

/** The storage engine's figures, with the spread of single inclusion proofs. */
export interface StorageFigures extends StorageBenchmarkResult {
  /** Single inclusion proofs at random indexes of the reopened log, each timed alone. */
  proofP50Micros: number;
  proofP99Micros: number;
  proofMaxMicros: number;
  /** The log's files on disk. */
  diskBytes: number;
}

const SINGLE_PROOFS = 2000;

/**
 * Bulk-loads `entries` synthetic entries into a log in `dir` (left there), times proofs and
 * durable appends with the storage engine's own benchmark, then reopens the log, as a restarted
 * server would, and times single inclusion proofs one by one for their spread.
 */
export async function measureStorage(dir: string, entries: number): Promise<StorageFigures> {
  const result = await benchmarkLogStorage({ dir, entries });
  const log = LogStorage.open(dir);
  const size = log.size;
  const micros: number[] = [];
  try {
    for (let k = 0; k < SINGLE_PROOFS; k++) {
      const index = Math.floor(Math.random() * size);
      const start = performance.now();
      log.inclusionProof(index);
      micros.push((performance.now() - start) * 1000);
    }
  } finally {
    await log.close();
  }
  micros.sort((a, b) => a - b);
  return {
    ...result,
    proofP50Micros: median(micros),
    proofP99Micros: micros[Math.floor(micros.length * 0.99)]!,
    proofMaxMicros: micros[micros.length - 1]!,
    diskBytes: await diskBytes(dir),
  };
}
