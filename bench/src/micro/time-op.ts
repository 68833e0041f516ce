/**
 * Microseconds per call of a synchronous `op`, after a short warm-up, over at least `minMs` of
 * wall time. `op(i)` gets the iteration number so it can rotate through inputs.
 */
export function microsPerOp(op: (i: number) => unknown, minMs = 400): number {
  const warmUntil = performance.now() + minMs / 4;
  let i = 0;
  while (performance.now() < warmUntil) op(i++);
  const start = performance.now();
  const deadline = start + minMs;
  let n = 0;
  let now = start;
  while (now < deadline) {
    // Batches keep the clock reads out of sub-microsecond measurements.
    for (let k = 0; k < 16; k++) op(n++);
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}
