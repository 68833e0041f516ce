/** The sections of `pnpm bench`, in the order they run. */
export const SECTIONS = ['verify', 'log', 'issue', 'sign', 'image'] as const;
export type SectionName = (typeof SECTIONS)[number];

/** Run settings, from the environment so `pnpm bench` needs no flags. */
export interface BenchConfig {
  /** Sections to run (BENCH_ONLY, a comma list; minus BENCH_SKIP). Default all. */
  sections: ReadonlySet<SectionName>;
  /** Wall time of each verifier's turn in each round (BENCH_SECONDS, default 3). */
  roundSeconds: number;
  /** Alternating rounds (BENCH_ROUNDS, default 5). */
  rounds: number;
  /** Untimed warm-up per verifier (BENCH_WARMUP_SECONDS, default 1). */
  warmupSeconds: number;
  /** CLI one-shot runs, 0 to skip (BENCH_CLI_RUNS, default 20). */
  cliRuns: number;
  /** Entries bulk-loaded for the inclusion-proof figure, 0 to skip it (BENCH_LOG_ENTRIES, default 1 000 000). */
  logEntries: number;
  /** Wall time of each load run over HTTP: log appends, issuance (BENCH_HTTP_SECONDS, default 5). */
  httpSeconds: number;
  /** Requests in flight at once in those runs (BENCH_HTTP_CONCURRENCY, default 32). */
  httpConcurrency: number;
  /** Timed `keyless sign-blob` runs and in-process signatures (BENCH_SIGN_RUNS, default 10). */
  signRuns: number;
  /** Signatures attached to the image that is verified (BENCH_IMAGE_SIGNATURES, default 100). */
  imageSignatures: number;
  /** Timed verifications of that image, library and CLI each (BENCH_IMAGE_RUNS, default 10). */
  imageVerifyRuns: number;
  /** Timed `keyless sign` runs per store (BENCH_IMAGE_SIGN_RUNS, default 5). */
  imageSignRuns: number;
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

function count(name: string, fallback: number, allowZero = false): number {
  return Math.max(allowZero ? 0 : 1, Math.round(positive(name, fallback, allowZero)));
}

function sectionList(name: string): SectionName[] | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((item) => {
    const section = item.trim();
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw new Error(
        `${name} names an unknown section "${section}"; the sections are ${SECTIONS.join(', ')}`,
      );
    }
    return section as SectionName;
  });
}

function readSections(): Set<SectionName> {
  const only = sectionList('BENCH_ONLY') ?? SECTIONS;
  const skip = new Set(sectionList('BENCH_SKIP') ?? []);
  return new Set(only.filter((s) => !skip.has(s)));
}

export function readConfig(): BenchConfig {
  return {
    sections: readSections(),
    roundSeconds: positive('BENCH_SECONDS', 3),
    rounds: count('BENCH_ROUNDS', 5),
    warmupSeconds: positive('BENCH_WARMUP_SECONDS', 1, true),
    cliRuns: count('BENCH_CLI_RUNS', 20, true),
    logEntries: count('BENCH_LOG_ENTRIES', 1_000_000, true),
    httpSeconds: positive('BENCH_HTTP_SECONDS', 5),
    httpConcurrency: count('BENCH_HTTP_CONCURRENCY', 32),
    signRuns: count('BENCH_SIGN_RUNS', 10),
    imageSignatures: count('BENCH_IMAGE_SIGNATURES', 100),
    imageVerifyRuns: count('BENCH_IMAGE_RUNS', 10),
    imageSignRuns: count('BENCH_IMAGE_SIGN_RUNS', 5, true),
    enforce: process.env.BENCH_ENFORCE === '1',
  };
}

/** What Keyless must reach. */
export const TARGETS = {
  bundlesPerSecond: 800,
  ratioToSigstoreJs: 8,
  cliOneShotSeconds: 0.1,
  /** An inclusion proof of a log of 1 000 000 entries. */
  inclusionProofMs: 1,
  /** `keyless sign-blob` end to end against the local stack (the whole process). */
  signBlobSeconds: 0.3,
  /** `keyless verify` of an image carrying 100 signatures (the whole process). */
  imageVerifySeconds: 1,
} as const;
