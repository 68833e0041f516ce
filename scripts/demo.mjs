#!/usr/bin/env node
// The Keyless demo: verifies real public-good Sigstore bundles with the built `keyless` binary and
// the trusted root embedded in it (--offline: no network), then shows a tampered artifact rejected.
// Usage: pnpm demo   (KEYLESS_REALDATA points at the test vectors; default ../shared/realdata)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const realdata = resolve(repoRoot, process.env.KEYLESS_REALDATA ?? '../shared/realdata');
const bundlesDir = join(realdata, 'bundles/key-algorithms');
const keyless = join(repoRoot, 'apps/cli/bin/keyless');

// These bundles were signed by a Google service account through the public-good Fulcio and Rekor.
const IDENTITY = 'untrusted-sa@sigstore-conformance.iam.gserviceaccount.com';
const ISSUER = 'https://accounts.google.com';
const ALGORITHMS = [
  'PKIX_ECDSA_P256_SHA_256',
  'PKIX_ECDSA_P384_SHA_384',
  'PKIX_ECDSA_P521_SHA_512',
  'PKIX_RSA_PKCS1V15_2048_SHA256',
  'PKIX_RSA_PKCS1V15_3072_SHA256',
  'PKIX_RSA_PKCS1V15_4096_SHA256',
];

if (!existsSync(bundlesDir)) {
  console.error(`demo: the public Sigstore bundles it verifies are not at ${bundlesDir}.`);
  console.error('demo: they live outside the repository, in ../shared/realdata next to it;');
  console.error(
    'demo: set KEYLESS_REALDATA=/path/to/realdata (the folder holding bundles/key-algorithms) and rerun.',
  );
  process.exit(2);
}
if (!existsSync(join(repoRoot, 'apps/cli/dist/keyless.js'))) {
  console.error('demo: the CLI is not built; run `pnpm demo` (which builds first) or `pnpm build`.');
  process.exit(2);
}

/** Runs `keyless verify-blob` in `cwd` (so the report names files as the command line does). */
function keylessVerify(cwd, artifact, bundle) {
  const args = ['verify-blob', artifact, '--bundle', bundle];
  args.push('--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER, '--offline');
  console.log(`$ keyless ${args.join(' ')}`);
  return spawnSync(keyless, args, { cwd, encoding: 'utf8' });
}

const indent = (text) => text.trimEnd().replace(/^/gm, '  ');
let failures = 0;

console.log(
  'Keyless demo: real public-good Sigstore bundles, verified offline with the embedded trusted root.',
);
console.log(
  `The bundles sign the same artifact.txt with six key algorithms (in ${relative(process.cwd(), bundlesDir)}).\n`,
);
for (const [index, algorithm] of ALGORITHMS.entries()) {
  const run = keylessVerify(bundlesDir, 'artifact.txt', `${algorithm}.sigstore.json`);
  if (run.status !== 0) failures++;
  if (index === 0 || run.status !== 0) {
    console.log(indent(run.stdout));
  } else {
    // The first report in full; after it, one line each.
    const lines = run.stdout.split('\n');
    const first = lines.indexOf('The following checks were performed:') + 1;
    const checks = lines.slice(first, lines.indexOf('', first)).length;
    console.log(`  ${lines[0]} (${checks} checks passed)`);
  }
  if (run.stderr.trim()) console.log(indent(run.stderr));
  console.log(`  -> exit ${run.status}\n`);
}

// The same bundle over a modified copy of the artifact must not verify.
const scratch = mkdtempSync(join(tmpdir(), 'keyless-demo-'));
try {
  const bundle = `${ALGORITHMS[0]}.sigstore.json`;
  copyFileSync(join(bundlesDir, bundle), join(scratch, bundle));
  writeFileSync(
    join(scratch, 'artifact.txt'),
    `${readFileSync(join(bundlesDir, 'artifact.txt'), 'utf8')}one more line\n`,
  );
  console.log('The same bundle over a tampered copy of artifact.txt (one line added):');
  const run = keylessVerify(scratch, 'artifact.txt', bundle);
  console.log(indent(run.stderr));
  console.log(`  -> exit ${run.status} (1 = verification failed)\n`);
  if (run.status !== 1) failures++;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`demo: ${failures} step(s) did not behave as expected`);
  process.exitCode = 1;
} else {
  console.log('demo: all bundles verified, and the tampered artifact was rejected.');
}
