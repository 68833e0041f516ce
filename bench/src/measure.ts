import type { BenchCase } from './cases.js';
import type { Contender } from './contenders/contender.js';

/** How long, and how often, each contender runs. */
export interface RoundPlan {
  /** Untimed run per contender before the first round, in milliseconds. */
  warmupMs: number;
  /** Wall time of one contender's turn in one round, in milliseconds. */
  roundMs: number;
  rounds: number;
}

/** One contender's turn: how many bundles it verified in how long. */
export interface Turn {
  verified: number;
  elapsedMs: number;
}

/** Bundles per second of one turn. */
export function rate(turn: Turn): number {
  return (turn.verified * 1000) / turn.elapsedMs;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Verifies the cases round-robin for `ms` of wall time. Results are awaited one at a time, as a
 * request handler would; a synchronous verifier's result is not wrapped in a promise, so neither
 * side pays for the other's calling convention.
 */
export async function runFor(contender: Contender, cases: readonly BenchCase[], ms: number): Promise<Turn> {
  // A collection left over from the previous turn would otherwise be billed to this one.
  gc?.();
  const start = performance.now();
  const deadline = start + ms;
  let verified = 0;
  let now = start;
  while (now < deadline) {
    const result = contender.verify(cases[verified % cases.length]!);
    if (result instanceof Promise) await result;
    verified++;
    now = performance.now();
  }
  return { verified, elapsedMs: now - start };
}

/**
 * Warms every contender up, then gives them turns in alternation (A B A B ...), so that clock
 * boosts, thermal drift or a noisy neighbour hit all of them alike. Returns each one's turns.
 */
export async function alternate(
  contenders: readonly Contender[],
  cases: readonly BenchCase[],
  plan: RoundPlan,
  onTurn?: (name: string, round: number, turn: Turn) => void,
): Promise<Map<string, Turn[]>> {
  const turns = new Map<string, Turn[]>(contenders.map((c) => [c.name, []]));
  for (const contender of contenders) await runFor(contender, cases, plan.warmupMs);
  for (let round = 0; round < plan.rounds; round++) {
    for (const contender of contenders) {
      const turn = await runFor(contender, cases, plan.roundMs);
      turns.get(contender.name)!.push(turn);
      onTurn?.(contender.name, round, turn);
    }
  }
  return turns;
}
