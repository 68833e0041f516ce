import { median } from '../measure.js';

/** A closed-loop load run: `concurrency` callers, each starting its next request when one ends. */
export interface DrivePlan {
  /** Wall time of the timed part, in milliseconds. */
  ms: number;
  /** Untimed run before it (connections opened, code compiled), in milliseconds. */
  warmupMs: number;
  concurrency: number;
}

/** What a load run measured. */
export interface DriveResult {
  completed: number;
  elapsedMs: number;
  /** Completed requests per second of wall time. */
  perSecond: number;
  /** Latency of one request, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * Runs `op` from `concurrency` callers for `plan.ms` of wall time (after an untimed warm-up) and
 * counts the operations that finished. A failed operation stops the run: a rate of failures would
 * measure the error path. `op(i)` gets a running number so it can pick its input.
 */
export async function drive(plan: DrivePlan, op: (i: number) => Promise<unknown>): Promise<DriveResult> {
  let next = 0;
  const phase = async (ms: number, latencies: number[] | undefined): Promise<number> => {
    const deadline = performance.now() + ms;
    const caller = async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        await op(next++);
        latencies?.push(performance.now() - start);
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: plan.concurrency }, caller));
    return performance.now() - start;
  };
  if (plan.warmupMs > 0) await phase(plan.warmupMs, undefined);
  const latencies: number[] = [];
  // The run lasts until the last request in flight at the deadline has answered, and counts it.
  const elapsedMs = await phase(plan.ms, latencies);
  latencies.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    elapsedMs,
    perSecond: (latencies.length * 1000) / elapsedMs,
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 99),
  };
}
