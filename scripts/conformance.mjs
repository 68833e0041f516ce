#!/usr/bin/env node
// Runs every bundle-verify case of the Sigstore conformance suite through the built
// `keyless-conformance` binary, the way the suite itself drives a client (see the cases' README.md):
// `_fail` cases must be rejected as verification failures (exit code 1), the others must verify.
// Usage: pnpm conformance   (KEYLESS_REALDATA points at the test vectors; default ../shared/realdata)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const realdata = resolve(repoRoot, process.env.KEYLESS_REALDATA ?? '../shared/realdata');
const casesDir = join(realdata, 'conformance/test/assets/bundle-verify');
const binary = join(repoRoot, 'apps/cli/bin/keyless-conformance');

const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';
const TIMEOUT_MS = 60_000;

if (!existsSync(casesDir)) {
  console.error(`conformance: no test cases at ${casesDir}`);
  console.error(
    'conformance: set KEYLESS_REALDATA to the folder holding conformance/test/assets/bundle-verify',
  );
  process.exit(2);
}
if (!existsSync(join(repoRoot, 'apps/cli/dist/keyless-conformance.js'))) {
  console.error(
    'conformance: the CLI is not built; run `pnpm conformance` (which builds first) or `pnpm build`',
  );
  process.exit(2);
}

/** The command line the conformance suite would pass for one case, in the protocol's order. */
function argumentsFor(caseDir) {
  const file = (name) => join(caseDir, name);
  const text = (name, fallback) =>
    existsSync(file(name)) ? readFileSync(file(name), 'utf8').trim() : fallback;
  const args = ['verify-bundle', '--bundle', file('bundle.sigstore.json')];
  if (existsSync(file('key.pub'))) args.push('--key', file('key.pub'));
  else {
    args.push('--certificate-identity', text('identity', DEFAULT_IDENTITY));
    args.push('--certificate-oidc-issuer', text('issuer', DEFAULT_ISSUER));
  }
  if (existsSync(file('trusted_root.json'))) args.push('--trusted-root', file('trusted_root.json'));
  args.push(existsSync(file('artifact')) ? file('artifact') : join(casesDir, 'a.txt'));
  return args;
}

function run(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(binary, args, {
      env: { ...process.env, KEYLESS_OFFLINE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: TIMEOUT_MS,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (err) => resolvePromise({ code: -1, stderr: err.message }));
    child.on('close', (code, signal) => resolvePromise({ code: code ?? -1, signal, stderr }));
  });
}

async function runCase(name) {
  const expectFailure = name.endsWith('_fail');
  const { code, signal, stderr } = await run(argumentsFor(join(casesDir, name)));
  const message = stderr.trim().split('\n')[0] ?? '';
  if (signal) return { name, passed: false, line: `killed by ${signal} after ${TIMEOUT_MS / 1000}s` };
  if (!expectFailure) {
    return code === 0
      ? { name, passed: true, line: 'verified' }
      : { name, passed: false, line: `expected to verify, exit ${code}: ${message}` };
  }
  if (code === 1) return { name, passed: true, line: `rejected: ${message}` };
  if (code === 0) return { name, passed: false, line: 'expected to fail, but verified' };
  return {
    name,
    passed: false,
    line: `expected a verification failure (exit 1), got exit ${code}: ${message}`,
  };
}

const cases = readdirSync(casesDir)
  .filter((name) => statSync(join(casesDir, name)).isDirectory())
  .sort();
const results = new Array(cases.length);
let next = 0;
async function worker() {
  while (next < cases.length) {
    const index = next++;
    results[index] = await runCase(cases[index]);
  }
}
await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));

const width = Math.max(...cases.map((name) => name.length));
for (const result of results) {
  console.log(`${result.passed ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(width)}  ${result.line}`);
}
const failed = results.filter((result) => !result.passed).length;
console.log(`conformance: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
