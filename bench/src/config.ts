/** Run settings, from the environment so `pnpm bench` needs no flags. */
export interface BenchConfig {
  /** Wall time of each verifier's turn in each round (BENCH_SECONDS, default 3). */
  roundSeconds: number;
  /** Alternating rounds (BENCH_ROUNDS, default 5). */
  rounds: number;
  /** Untimed warm-up per verifier (BENCH_WARMUP_SECONDS, default 1). */
  warmupSeconds: number;
  /** CLI one-shot runs, 0 to skip (BENCH_CLI_RUNS, default 20). */
  cliRuns: number;
  /** Exit non-zero when a target is missed (BENCH_ENFORCE=1). */
  enforce: boolean;
}

function positive(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero)) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

export function readConfig(): BenchConfig {
  return {
    roundSeconds: positive('BENCH_SECONDS', 3),
    rounds: Math.max(1, Math.round(positive('BENCH_ROUNDS', 5))),
    warmupSeconds: positive('BENCH_WARMUP_SECONDS', 1, true),
    cliRuns: Math.round(positive('BENCH_CLI_RUNS', 20, true)),
    enforce: process.env.BENCH_ENFORCE === '1',
  };
}

/** What Keyless must reach. */
export const TARGETS = {
  bundlesPerSecond: 800,
  ratioToSigstoreJs: 8,
  cliOneShotSeconds: 0.1,
} as const;
