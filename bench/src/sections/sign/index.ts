import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SigningResult } from '@keyless/sign';
import { type BenchConfig, TARGETS } from '../../config.js';
import { median } from '../../measure.js';
import { builtCli, timeRuns } from '../../processes/time-process.js';
import { fmt, table } from '../../report/table.js';
import { reportOnly, targeted, type Verdict } from '../../report/verdict.js';
import { startBenchStack } from '../../stack/dev-stack.js';
import { withTempDir } from '../../temp-dir.js';

/** Which log entry and timestamps a signature got, e.g. `hashedrekord 0.0.2 + RFC 3161`. */
function witnesses(result: SigningResult): string {
  const material = result.bundle.verificationMaterial;
  const entry = material.tlogEntries?.[0]?.kindVersion;
  const log = entry ? `${entry.kind} ${entry.version}` : 'no log entry';
  const tsa = material.timestampVerificationData?.rfc3161Timestamps?.length ? ' + RFC 3161 timestamp' : '';
  return log + tsa;
}

async function timed<T>(op: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await op();
  return [performance.now() - start, value];
}

/**
 * `sign-blob` end to end against the dev stack: the built CLI as a whole process (start-up, token
 * file, key, certificate, log entry, timestamp, self-verification, bundle written), against
 * `node -e 0`; then the same in-process with `createSigningPipeline`: a new pipeline's first
 * signature, and later signatures of one pipeline, which reuse its certificate.
 */
export async function runSignSection(config: BenchConfig): Promise<Verdict[]> {
  console.log('sign-blob against the local stack');
  return withTempDir('sign', async (dir) => {
    const bench = await startBenchStack(dir);
    try {
      const artifact = join(dir, 'artifact.bin');
      const bytes = randomBytes(1024);
      await writeFile(artifact, bytes);
      const runs = config.signRuns;
      console.log(
        `dev stack in this process on ${bench.stack.url}; a 1 KiB artifact; the signing config's choice of services; ` +
          `email token for ${bench.email}`,
      );

      const rows: string[][] = [];
      const verdicts: Verdict[] = [];
      const cli = builtCli();
      if ('skipped' in cli) {
        console.log(`CLI: skipped: ${cli.skipped}`);
      } else {
        const bundles = (run: number) => join(dir, `artifact-${run}.sigstore.json`);
        const cliTimes = await timeRuns(
          cli.bin,
          (run) => [
            'sign-blob',
            artifact,
            '--bundle',
            bundles(run),
            '--signing-config',
            bench.stack.signingConfigPath,
            '--trusted-root',
            bench.stack.trustedRootPath,
            '--identity-token',
            bench.tokenFile,
          ],
          runs,
          'keyless sign-blob',
        );
        if (!existsSync(bundles(runs)))
          throw new Error('keyless sign-blob exited 0 without writing the bundle');
        const nodeTimes = await timeRuns(process.execPath, ['-e', '0'], runs, 'node -e 0');
        const cliMs = median(cliTimes);
        rows.push(
          ['keyless sign-blob (process)', String(runs), fmt(cliMs, 1), fmt(Math.max(...cliTimes), 1)],
          ['node -e 0 (process)', String(runs), fmt(median(nodeTimes), 1), fmt(Math.max(...nodeTimes), 1)],
        );
        verdicts.push(
          targeted(
            `keyless sign-blob ${fmt(cliMs / 1000, 3)} s`,
            cliMs / 1000 < TARGETS.signBlobSeconds,
            `< ${TARGETS.signBlobSeconds} s`,
          ),
        );
      }

      const firsts: number[] = [];
      let lastResult: SigningResult | undefined;
      for (let run = 0; run < runs; run++) {
        const [ms, result] = await timed(async () => (await bench.pipeline()).signBlob(bytes));
        firsts.push(ms);
        lastResult = result;
      }
      const pipeline = await bench.pipeline();
      await pipeline.signBlob(bytes);
      const laters: number[] = [];
      for (let run = 0; run < runs; run++) laters.push((await timed(() => pipeline.signBlob(bytes)))[0]);
      rows.push(
        [
          'new pipeline + first signBlob (in-process)',
          String(runs),
          fmt(median(firsts), 1),
          fmt(Math.max(...firsts), 1),
        ],
        [
          'later signBlob, same pipeline (in-process)',
          String(runs),
          fmt(median(laters), 1),
          fmt(Math.max(...laters), 1),
        ],
      );
      console.log(`witnesses: ${witnesses(lastResult!)}`);
      console.log(table([['sign-blob', 'runs', 'median ms', 'max ms'], ...rows]));
      verdicts.push(
        reportOnly(`in-process first ${fmt(median(firsts), 1)} ms, later ${fmt(median(laters), 1)} ms`),
      );
      return verdicts;
    } finally {
      await bench.close();
    }
  });
}
