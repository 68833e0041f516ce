import { median } from '../measure.js';

/** Microseconds per call over one stretch of at least `ms` wall time. */
function sample(op: (i: number) => unknown, ms: number): number {
  const start = performance.now();
  const deadline = start + ms;
  let n = 0;
  let now = start;
  while (now < deadline) {
    // Batches keep the clock reads out of sub-microsecond measurements.
    for (let k = 0; k < 16; k++) op(n++);
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}

/**
 * Microseconds per call of a synchronous `op`: after a warm-up, the median of seven short
 * samples, so that a burst of load from another process skews one sample, not the figure.
 * `op(i)` gets the iteration number so it can rotate through inputs.
 */
export function microsPerOp(op: (i: number) => unknown, totalMs = 420): number {
  sample(op, totalMs / 4);
  const samples: number[] = [];
  for (let s = 0; s < 7; s++) samples.push(sample(op, totalMs / 7));
  return median(samples);
}
