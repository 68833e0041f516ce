import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { signImage, signingConfigForFormat, verifyImage } from '@keyless/oci';
import { createVerifier } from '@keyless/verify';
import { type BenchConfig, TARGETS } from '../../config.js';
import { median } from '../../measure.js';
import { builtCli, captureStdout, timeRuns } from '../../processes/time-process.js';
import { fmt, table } from '../../report/table.js';
import { reportOnly, targeted, type Verdict } from '../../report/verdict.js';
import { type BenchStack, startBenchStack } from '../../stack/dev-stack.js';
import { REGISTRY_BINARY } from '../../stack/registry.js';
import { withTempDir } from '../../temp-dir.js';
import { attachCosignSignatures, makeCosignSignatures } from './many-signatures.js';
import { pushSampleImage } from './sample-image.js';
import { type ImageTarget, openLayoutTarget, openRegistryTarget } from './targets.js';

interface Row {
  what: string;
  runs: number;
  times: number[];
}

const row = (what: string, times: number[]): Row => ({ what, runs: times.length, times });

async function timeLibrary(runs: number, op: () => Promise<unknown>): Promise<number[]> {
  await op();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await op();
    times.push(performance.now() - start);
  }
  return times;
}

/** The CLI's policy and trust flags for the dev stack's signer. */
function policyFlags(bench: BenchStack): string[] {
  return [
    '--trusted-root',
    bench.stack.trustedRootPath,
    '--certificate-identity',
    bench.email,
    '--certificate-oidc-issuer',
    bench.issuer,
  ];
}

/**
 * Images: verification of an image carrying many cosign signatures, by the library and by the CLI,
 * from a registry on loopback and from an OCI layout; then `sign` end to end against the dev stack.
 */
export async function runImageSection(config: BenchConfig): Promise<Verdict[]> {
  console.log('Images');
  return withTempDir('image', async (dir) => {
    const bench = await startBenchStack(dir);
    const targets: ImageTarget[] = [];
    try {
      const registry = await openRegistryTarget(join(dir, 'registry'));
      if (registry) targets.push(registry);
      else console.log(`registry: skipped, ${REGISTRY_BINARY} is missing (set KEYLESS_DOCKER_REGISTRY)`);
      targets.push(await openLayoutTarget(dir));
      // The CLI must not pick up the user's registry logins.
      const env = { ...process.env, DOCKER_CONFIG: join(dir, 'docker-config') };
      const n = config.imageSignatures;

      // One image, byte for byte the same in every store, so the same signatures fit all of them.
      const layer = randomBytes(4096);
      const images = await Promise.all(targets.map((t) => pushSampleImage(t.store, 'latest', layer)));
      const digest = images[0]!.digest;
      let start = performance.now();
      const signatures = await makeCosignSignatures(bench, targets[0]!.store.name, digest, n);
      const signMs = performance.now() - start;
      start = performance.now();
      for (const target of targets) await attachCosignSignatures(target.store, digest, signatures);
      console.log(
        `${n} cosign signatures of one image (each its own key, certificate, Rekor v1 entry and timestamp, over a ` +
          `payload of its own), made in ${fmt(signMs / 1000, 1)} s, stored as one .sig manifest in ` +
          `${targets.map((t) => t.label).join(' and ')} in ${fmt((performance.now() - start) / 1000, 1)} s`,
      );

      const verifier = await createVerifier({ trustedRoot: bench.stack.trustedRoot });
      const policy = { identity: bench.email, issuer: bench.issuer };
      const rows: Row[] = [];
      const verdicts: Verdict[] = [];
      const cli = builtCli();
      if ('skipped' in cli) console.log(`CLI: skipped: ${cli.skipped}`);
      const verifyTarget = `< ${TARGETS.imageVerifySeconds} s`;
      for (const target of targets) {
        const check = await verifyImage(target.store, digest, verifier, policy);
        if (check.signatures.length !== n || check.rejected.length > 0) {
          throw new Error(
            `verifyImage (${target.label}) verified ${check.signatures.length} of ${n} signatures, rejected ${check.rejected.length}`,
          );
        }
        const library = await timeLibrary(config.imageVerifyRuns, () =>
          verifyImage(target.store, digest, verifier, policy),
        );
        rows.push(row(`verifyImage, ${target.label} (library)`, library));
        const measured: [string, number][] = [[`verifyImage ${target.label}`, median(library)]];
        if (!('skipped' in cli)) {
          const args = ['verify', target.reference(digest), ...policyFlags(bench)];
          const claims = JSON.parse(await captureStdout(cli.bin, args, 'keyless verify', env)) as unknown[];
          if (claims.length !== n)
            throw new Error(`keyless verify (${target.label}) printed ${claims.length} of ${n} claims`);
          const processTimes = await timeRuns(cli.bin, args, config.imageVerifyRuns, 'keyless verify', env);
          rows.push(row(`keyless verify, ${target.label} (process)`, processTimes));
          measured.push([`keyless verify ${target.label}`, median(processTimes)]);
        }
        for (const [what, ms] of measured) {
          verdicts.push(
            targeted(`${what} ${fmt(ms / 1000, 3)} s`, ms / 1000 < TARGETS.imageVerifySeconds, verifyTarget),
          );
        }
      }

      if (config.imageSignRuns > 0) {
        const cosignConfig = signingConfigForFormat(bench.signingConfig, 'cosign');
        for (const target of targets) {
          const image = await pushSampleImage(target.store, 'sign-target');
          const pipeline = await bench.pipeline(cosignConfig);
          const library = await timeLibrary(config.imageSignRuns, () =>
            signImage(target.store, image.digest, pipeline),
          );
          rows.push(row(`signImage, ${target.label} (library, one pipeline)`, library));
          if (!('skipped' in cli)) {
            const args = [
              'sign',
              target.reference(image.digest),
              '--signing-config',
              bench.stack.signingConfigPath,
              '--trusted-root',
              bench.stack.trustedRootPath,
              '--identity-token',
              bench.tokenFile,
            ];
            const processTimes = await timeRuns(cli.bin, args, config.imageSignRuns, 'keyless sign', env);
            rows.push(row(`keyless sign, ${target.label} (process)`, processTimes));
            verdicts.push(
              reportOnly(`keyless sign ${target.label} ${fmt(median(processTimes) / 1000, 3)} s`),
            );
          } else {
            verdicts.push(reportOnly(`signImage ${target.label} ${fmt(median(library) / 1000, 3)} s`));
          }
        }
      }

      console.log(
        table([
          [`image with ${n} signatures; sign: a new image`, 'runs', 'median ms', 'max ms'],
          ...rows.map((r) => [r.what, String(r.runs), fmt(median(r.times), 1), fmt(Math.max(...r.times), 1)]),
        ]),
      );
      return verdicts;
    } finally {
      for (const target of targets) await target.close();
      await bench.close();
    }
  });
}
