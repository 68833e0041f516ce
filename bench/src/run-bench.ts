import { type BenchConfig, SECTIONS, type SectionName } from './config.js';
import { describeEnvironment } from './report/environment.js';
import { describeVerdicts, failure, outcome, type Verdict, verdictLine } from './report/verdict.js';
import { runImageSection } from './sections/image/index.js';
import { runIssueSection } from './sections/issue/index.js';
import { runLogSection } from './sections/log/index.js';
import { runSignSection } from './sections/sign/index.js';
import { runVerifySection } from './sections/verify.js';

const RUNNERS: Record<SectionName, (config: BenchConfig) => Promise<Verdict[]>> = {
  verify: runVerifySection,
  log: runLogSection,
  issue: runIssueSection,
  sign: runSignSection,
  image: runImageSection,
};

/**
 * Runs the sections `config` selects, each ending with its verdict line, then repeats the
 * verdicts together. A section that fails is reported and the next one runs; the exit status is
 * then 1, as it is for a missed target with BENCH_ENFORCE=1.
 */
export async function runBench(config: BenchConfig): Promise<void> {
  const selected = SECTIONS.filter((s) => config.sections.has(s));
  if (selected.length === 0) throw new Error('BENCH_ONLY and BENCH_SKIP leave no section to run');
  console.log(describeEnvironment());
  console.log(`sections: ${selected.join(', ')}\n`);
  const results: [SectionName, Verdict[], number][] = [];
  for (const section of selected) {
    const start = performance.now();
    let verdicts: Verdict[];
    try {
      verdicts = await RUNNERS[section](config);
    } catch (error) {
      if (process.env.BENCH_VERBOSE === '1') console.error(error);
      verdicts = [failure(error)];
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(`\n${verdictLine(verdicts)}\n`);
    results.push([section, verdicts, seconds]);
  }
  if (results.length > 1) {
    console.log('summary');
    for (const [section, verdicts, seconds] of results) {
      console.log(
        `  ${section.padEnd(6)} ${outcome(verdicts).padEnd(6)} (${seconds.toFixed(0)} s) ${describeVerdicts(verdicts)}`,
      );
    }
  }
  const outcomes = results.map(([, verdicts]) => outcome(verdicts));
  if (outcomes.includes('FAIL') || (config.enforce && outcomes.includes('MISS'))) process.exitCode = 1;
}
