import { spawnSync } from 'node:child_process';
import type { BenchCase } from './cases.js';
import { median } from './measure.js';
import { builtCli } from './processes/time-process.js';

export type OneShotTiming =
  | { skipped: string }
  | { runs: number; cliMedianMs: number; nodeMedianMs: number; command: string };

function timeRun(command: string, args: readonly string[], what: string): number {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.error) throw new Error(`${what} could not start: ${run.error.message}`);
  if (run.status !== 0) {
    const output = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${what} exited with ${run.status}: ${output}`);
  }
  return elapsed;
}

/**
 * Times the `keyless verify-blob` one-shot (process start, module loading, trusted root, one
 * verification) against a bare `node -e 0`, which is the floor any Node CLI pays.
 */
export function timeCliOneShot(c: BenchCase, runs: number): OneShotTiming {
  const built = builtCli();
  if ('skipped' in built) return built;
  const bin = built.bin;
  const args = [
    'verify-blob',
    c.artifactPath,
    '--bundle',
    c.bundlePath,
    '--certificate-identity',
    c.identity,
    '--certificate-oidc-issuer',
    c.issuer,
    '--offline',
  ];
  const nodeArgs = ['-e', '0'];
  // One untimed run each puts the files in the page cache.
  timeRun(bin, args, 'keyless verify-blob');
  timeRun(process.execPath, nodeArgs, 'node -e 0');
  const cli: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < runs; i++) {
    cli.push(timeRun(bin, args, 'keyless verify-blob'));
    node.push(timeRun(process.execPath, nodeArgs, 'node -e 0'));
  }
  return {
    runs,
    cliMedianMs: median(cli),
    nodeMedianMs: median(node),
    command: `apps/cli/bin/keyless verify-blob <artifact> --bundle ${c.name}/bundle.sigstore.json ... --offline`,
  };
}
