import { join } from 'node:path';
import { type BenchConfig, TARGETS } from '../../config.js';
import type { DrivePlan } from '../../load/drive.js';
import { fmt, table } from '../../report/table.js';
import { reportOnly, targeted, type Verdict } from '../../report/verdict.js';
import { withTempDir } from '../../temp-dir.js';
import { EntryFactory } from './entries.js';
import { type AppendFigures, measureHttpAppends } from './http-appends.js';
import { measureStorage, type StorageFigures } from './storage.js';

function storageTable(s: StorageFigures): string {
  return table([
    [`storage engine, ${fmt(s.entries)} entries`, 'value', 'unit'],
    ['bulk load (one batch append, one fsync)', fmt(s.buildMs / 1000, 2), 's'],
    ['bulk load rate', fmt((s.entries * 1000) / s.buildMs), 'entries/s'],
    ['log files on disk', fmt(s.diskBytes / 1e6), 'MB'],
    ['reopen (checkpoint read, tables loaded)', fmt(s.reopenMs, 1), 'ms'],
    ['inclusion proof, mean of 2,000 right after the load', fmt(s.inclusionProofMicros, 1), 'µs'],
    ['inclusion proof after a reopen, p50 (each timed alone)', fmt(s.proofP50Micros, 1), 'µs'],
    ['inclusion proof after a reopen, p99', fmt(s.proofP99Micros, 1), 'µs'],
    ['inclusion proof after a reopen, max', fmt(s.proofMaxMicros, 1), 'µs'],
    ['consistency proof, mean of 2,000', fmt(s.consistencyProofMicros, 1), 'µs'],
    ['durable single appends (10,000 in flight, group commit)', fmt(s.appendsPerSecond), 'appends/s'],
  ]);
}

function appendsTable(runs: readonly AppendFigures[], concurrency: number): string {
  return table([
    [
      `appends over HTTP, ${concurrency} in flight`,
      'appends/s',
      'p50 ms',
      'p99 ms',
      'server CPU µs/append',
      'client CPU',
      'tree size before',
      'after',
      'fetch by index ms',
    ],
    ...runs.map((r) => [
      `Rekor ${r.api}`,
      fmt(r.appends.perSecond),
      fmt(r.appends.p50Ms, 2),
      fmt(r.appends.p99Ms, 2),
      fmt(r.serverCpuMicros),
      fmt(r.clientCpuMicros),
      fmt(r.treeSizeBefore),
      fmt(r.treeSizeAfter),
      r.entryFetchMs === undefined ? '-' : fmt(r.entryFetchMs, 2),
    ]),
  ]);
}

/**
 * The transparency log: the storage engine at a million entries (bulk load, proofs, durable
 * appends), then Rekor v1 appends over HTTP on that same log, and Rekor v2 appends on a new one.
 */
export async function runLogSection(config: BenchConfig): Promise<Verdict[]> {
  console.log('Transparency log');
  const plan: DrivePlan = {
    ms: config.httpSeconds * 1000,
    warmupMs: Math.min(1000, config.httpSeconds * 200),
    concurrency: config.httpConcurrency,
  };
  return withTempDir('log', async (dir) => {
    const verdicts: Verdict[] = [];
    const v1Dir = join(dir, 'rekor-v1');
    if (config.logEntries > 0) {
      console.log(
        `storage: ${fmt(config.logEntries)} synthetic 256-byte entries bulk-loaded into a new log in a temporary directory`,
      );
      const storage = await measureStorage(join(v1Dir, 'log'), config.logEntries);
      console.log(storageTable(storage));
      verdicts.push(
        targeted(
          `inclusion proof at ${fmt(storage.entries)} entries ${fmt(storage.proofP99Micros, 1)} µs p99 ` +
            `(${fmt(storage.inclusionProofMicros, 1)} µs mean; build ${fmt(storage.buildMs / 1000, 1)} s)`,
          storage.proofP99Micros < TARGETS.inclusionProofMs * 1000,
          `< ${TARGETS.inclusionProofMs} ms`,
        ),
        reportOnly(`storage ${fmt(storage.appendsPerSecond)} durable appends/s`),
      );
    } else {
      console.log('storage: skipped (BENCH_LOG_ENTRIES=0)');
    }

    console.log(
      `\nHTTP: each server in its own process on 127.0.0.1; ${plan.concurrency} callers for ` +
        `${config.httpSeconds} s after a ${plan.warmupMs / 1000} s warm-up; hashed-rekord entries, P-256 signatures ` +
        'over random digests, made before the run; every answer checked against the log key' +
        (config.logEntries > 0 ? `; Rekor v1 appends to the ${fmt(config.logEntries)}-entry log above` : ''),
    );
    const entries = new EntryFactory();
    const runs = [
      await measureHttpAppends('v1', v1Dir, plan, entries),
      await measureHttpAppends('v2', join(dir, 'rekor-v2'), plan, entries),
    ];
    console.log(appendsTable(runs, plan.concurrency));
    for (const r of runs)
      verdicts.push(reportOnly(`Rekor ${r.api} ${fmt(r.appends.perSecond)} appends/s over HTTP`));
    return verdicts;
  });
}
