import { loadCases, loadProductionTrustedRoot } from '../cases.js';
import { timeCliOneShot } from '../cli-oneshot.js';
import { type BenchConfig, TARGETS } from '../config.js';
import { assertVerifiesAll } from '../contenders/contender.js';
import { createKeylessContender } from '../contenders/keyless.js';
import { createSigstoreJsContender } from '../contenders/sigstore-js.js';
import { alternate, median, rate } from '../measure.js';
import { signatureCensus } from '../micro/signature-census.js';
import { cryptoFloorMicros, measureStages } from '../micro/stages.js';
import { cpuAffinity } from '../report/environment.js';
import { fmt, table } from '../report/table.js';
import { targeted, type Verdict } from '../report/verdict.js';

/**
 * Bundle verification throughput, Keyless against sigstore-js in alternating rounds, then the
 * per-stage costs, the signature census and the CLI one-shot.
 */
export async function runVerifySection(config: BenchConfig): Promise<Verdict[]> {
  const cases = loadCases();
  const trustedRoot = loadProductionTrustedRoot();

  console.log('Bundle verification throughput: Keyless vs sigstore-js');
  console.log(`bundles: ${cases.map((c) => c.name).join(', ')} (round-robin)`);
  console.log('trusted root: public-good production (realdata/trust/production/trusted_root.json)');
  console.log(
    `plan: ${config.warmupSeconds} s warm-up each, then ${config.rounds} alternating rounds of ${config.roundSeconds} s per verifier\n`,
  );

  const keyless = await createKeylessContender(trustedRoot);
  const sigstoreJs = createSigstoreJsContender(trustedRoot);
  const contenders = [keyless, sigstoreJs];
  for (const contender of contenders) await assertVerifiesAll(contender, cases);
  console.log(`check: both verifiers accept all ${cases.length} bundles\n`);

  const turns = await alternate(
    contenders,
    cases,
    { warmupMs: config.warmupSeconds * 1000, roundMs: config.roundSeconds * 1000, rounds: config.rounds },
    (name, round, turn) =>
      console.log(`  round ${round + 1} ${name.padEnd(11)} ${fmt(rate(turn)).padStart(7)} bundles/s`),
  );
  const rates = (name: string): number[] => (turns.get(name) ?? []).map(rate);
  const keylessRate = median(rates(keyless.name));
  const sigstoreRate = median(rates(sigstoreJs.name));
  const ratio = keylessRate / sigstoreRate;

  console.log(
    '\n' +
      table([
        ['verifier', 'bundles/s (median)', 'min', 'max', 'ms/bundle'],
        ...contenders.map((c) => {
          const r = rates(c.name);
          const m = median(r);
          return [c.name, fmt(m), fmt(Math.min(...r)), fmt(Math.max(...r)), fmt(1000 / m, 3)];
        }),
      ]),
  );
  // Each round's pair ran back to back, so their ratio is the least disturbed by drift.
  const pairedRatios = rates(keyless.name).map((r, i) => r / rates(sigstoreJs.name)[i]!);
  console.log(
    `ratio Keyless / sigstore-js: ${fmt(ratio, 2)}x (of the medians; round by round ` +
      `${fmt(Math.min(...pairedRatios), 2)}x to ${fmt(Math.max(...pairedRatios), 2)}x, median ${fmt(median(pairedRatios), 2)}x)\n`,
  );

  console.log('Per-stage costs, each timed alone');
  const stages = measureStages(cases, trustedRoot);
  console.log(
    table([
      ['stage', 'µs/op', 'note'],
      ...stages.map((s) => [s.name, s.micros === null ? '-' : fmt(s.micros, 1), s.note ?? '']),
    ]),
  );
  const census = await signatureCensus(keyless, cases);
  const sigstoreCensus = await signatureCensus(sigstoreJs, cases);
  const describeCensus = (c: Record<string, number>): string =>
    Object.entries(c)
      .map(([kind, n]) => `${fmt(n, 1)} x ${kind}`)
      .join(', ') || 'none seen';
  console.log(
    `\nOpenSSL signature checks per bundle: Keyless ${describeCensus(census)}; sigstore-js ${describeCensus(sigstoreCensus)}`,
  );
  const floor = cryptoFloorMicros(census, stages);
  if (floor !== null) {
    const spent = 1e6 / keylessRate;
    console.log(
      `Keyless crypto floor: ${fmt(floor)} µs/bundle (at most ${fmt(1e6 / floor)} bundles/s); ` +
        `measured ${fmt(spent)} µs/bundle, of which signature checks are ~${fmt((100 * floor) / spent)}%`,
    );
  }

  let cliSeconds: number | undefined;
  if (config.cliRuns > 0) {
    const oneShotCase = cases.find((c) => c.name === 'happy-path-v0.3') ?? cases[0]!;
    const oneShot = timeCliOneShot(oneShotCase, config.cliRuns);
    console.log('\nCLI one-shot');
    if ('skipped' in oneShot) {
      console.log(`  skipped: ${oneShot.skipped}`);
    } else {
      cliSeconds = oneShot.cliMedianMs / 1000;
      console.log(`  ${oneShot.command}`);
      console.log(
        table([
          ['command', `median of ${oneShot.runs} (ms)`],
          ['keyless verify-blob', fmt(oneShot.cliMedianMs, 1)],
          ['node -e 0', fmt(oneShot.nodeMedianMs, 1)],
          ['difference', fmt(oneShot.cliMedianMs - oneShot.nodeMedianMs, 1)],
        ]),
      );
      const affinity = cpuAffinity();
      if (affinity && /^\d+$/.test(affinity)) {
        console.log(
          `  (pinned to CPU ${affinity}: Node's start-up threads share that one core, which slows every start)`,
        );
      }
    }
  }

  const verdicts: Verdict[] = [
    targeted(
      `Keyless ${fmt(keylessRate)} bundles/s`,
      keylessRate >= TARGETS.bundlesPerSecond,
      `>= ${TARGETS.bundlesPerSecond}`,
    ),
    targeted(
      `${fmt(ratio, 2)}x sigstore-js`,
      ratio >= TARGETS.ratioToSigstoreJs,
      `>= ${TARGETS.ratioToSigstoreJs}x`,
    ),
  ];
  if (cliSeconds !== undefined) {
    verdicts.push(
      targeted(
        `one-shot ${fmt(cliSeconds, 3)} s`,
        cliSeconds < TARGETS.cliOneShotSeconds,
        `< ${TARGETS.cliOneShotSeconds} s`,
      ),
    );
  }
  return verdicts;
}
