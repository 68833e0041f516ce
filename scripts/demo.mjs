#!/usr/bin/env node
// The Keyless demo: keyless signing of a container image from start to finish, on this machine.
// It starts the development Sigstore stack in this process, builds a small image in an OCI image
// layout, signs it with a development identity through the built `keyless` CLI, verifies it, and
// shows a wrong identity rejected. No network, browser or Docker is needed. When the public
// Sigstore test vectors are present (KEYLESS_REALDATA, default ../shared/realdata), it also
// verifies an image that cosign signed in GitHub Actions, offline.
// Usage: pnpm demo [--keep]   (--keep leaves the demo folder, stack and image in place)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const realdata = resolve(repoRoot, process.env.KEYLESS_REALDATA ?? '../shared/realdata');
const keylessBin = join(repoRoot, 'apps/cli/bin/keyless');
const keep = process.argv.includes('--keep');

const EMAIL = 'demo@example.com';
const WRONG_EMAIL = 'mallory@example.com';
const TAG = '1.0';
const LAYER_TAR_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
// A fixed time keeps the sample image byte-identical, so its digest is the same on every run.
const CREATED = '2025-01-01T00:00:00Z';

const built = ['apps/cli/dist/keyless.js', 'packages/dev-stack/dist/index.js', 'packages/oci/dist/index.js'];
if (!built.every((file) => existsSync(join(repoRoot, file)))) {
  console.error('demo: the packages are not built; run `pnpm demo` (which builds first) or `pnpm build`.');
  process.exit(2);
}
const load = (file) => import(pathToFileURL(join(repoRoot, file)).href);
const { requestDevToken, startDevStack } = await load('packages/dev-stack/dist/index.js');
const oci = await load('packages/oci/dist/index.js');

const encoder = new TextEncoder();
const indent = (text, prefix = '    ') => text.trimEnd().replace(/^/gm, prefix);
const heading = (title) => console.log(`\n== ${title}\n`);

/** Quotes an argument for a POSIX shell when it needs it. */
const shellQuote = (arg) => (/^[\w./:@=,+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

/** Prints a command as it could be typed, one flag per line. */
function printCommand(args) {
  const lines = [`keyless ${shellQuote(args[0])}`];
  for (const arg of args.slice(1)) {
    if (arg.startsWith('-') || lines.length === 1) lines.push(shellQuote(arg));
    else lines[lines.length - 1] += ` ${shellQuote(arg)}`;
  }
  const [first, second, ...rest] = lines;
  console.log(`  $ ${[`${first} ${second}`, ...rest].join(' \\\n      ')}`);
}

/**
 * Runs the built CLI in `cwd` and resolves with what it printed. Asynchronous on purpose: the
 * stack it talks to answers from this process's event loop.
 */
function keyless(args, cwd) {
  printCommand(args);
  const env = { ...process.env };
  for (const name of ['KEYLESS_REPOSITORY', 'SIGSTORE_ID_TOKEN']) delete env[name];
  return new Promise((done, fail) => {
    const child = spawn(keylessBin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Prints what a command wrote, labelled by stream, and checks its exit code. */
function report(run, expectedCode) {
  if (run.stderr.trim()) console.log(`  stderr:\n${indent(run.stderr)}`);
  if (run.stdout.trim()) console.log(`  stdout:\n${indent(run.stdout)}`);
  console.log(`  exit code: ${run.code}`);
  if (run.code !== expectedCode) {
    throw new Error(`the command exited with ${run.code}, expected ${expectedCode}`);
  }
}

/** A POSIX ustar archive of regular files (mode 0644, owner 0, a fixed mtime). */
function tarArchive(files) {
  const blocks = [];
  const mtime = Math.floor(Date.parse(CREATED) / 1000);
  for (const [name, text] of Object.entries(files)) {
    const content = Buffer.from(text);
    const header = Buffer.alloc(512);
    const field = (value, offset, length) => header.write(value, offset, length, 'ascii');
    const octal = (value, length) => value.toString(8).padStart(length - 1, '0');
    field(name, 0, 100);
    field(octal(0o644, 8), 100, 8);
    field(octal(0, 8), 108, 8);
    field(octal(0, 8), 116, 8);
    field(octal(content.length, 12), 124, 12);
    field(octal(mtime, 12), 136, 12);
    field('        ', 148, 8); // the checksum is computed over spaces in its own field
    field('0', 156, 1);
    field('ustar\u000000', 257, 8);
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    field(`${octal(checksum, 7)}\u0000 `, 148, 8);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** Writes the sample image into a new OCI layout at `dir`, tagged TAG; resolves with its digest. */
async function buildSampleImage(dir) {
  const layout = await oci.openLayout(dir, { create: true });
  const tar = tarArchive({ 'hello.txt': 'Hello from a keylessly signed image!\n' });
  const layer = await layout.putBlob(gzipSync(tar), LAYER_TAR_GZIP);
  const config = await layout.putBlob(
    encoder.encode(
      JSON.stringify({
        created: CREATED,
        architecture: 'amd64',
        os: 'linux',
        config: { Cmd: ['cat', '/hello.txt'] },
        rootfs: { type: 'layers', diff_ids: [oci.computeDigest(tar)] },
      }),
    ),
    oci.OCI_IMAGE_CONFIG,
  );
  const manifest = encoder.encode(
    JSON.stringify({ schemaVersion: 2, mediaType: oci.OCI_MANIFEST, config, layers: [layer] }),
  );
  const { descriptor } = await layout.putManifest(manifest, oci.OCI_MANIFEST, TAG);
  console.log('  hello.txt      "Hello from a keylessly signed image!"');
  console.log(`  layer          ${layer.digest} (${layer.size} bytes, tar+gzip)`);
  console.log(`  config         ${config.digest} (${config.size} bytes)`);
  console.log(`  manifest       ${descriptor.digest} (${descriptor.size} bytes), tagged ${TAG}`);
  return descriptor.digest;
}

/** The claims of a JWT, for display only (the CA is what verifies the token). */
const jwtClaims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

async function localDemo(work) {
  heading('1. Start a local Sigstore stack (in this process, on a free loopback port)');
  const stack = await startDevStack({ dir: join(work, 'stack'), port: 0 });
  try {
    console.log(`  OIDC issuer    ${stack.issuers.email}`);
    console.log(`  CA (Fulcio)    ${stack.urls.fulcio}`);
    console.log(`  Rekor v1, v2   ${stack.urls.rekor}, ${stack.urls.rekorV2}`);
    console.log(`  TSA            ${stack.urls.tsa}`);
    console.log('  files          stack/signing_config.json, stack/trusted_root.json');

    heading('2. Build a sample image in an OCI image layout');
    console.log(`  layout         ${join(work, 'image')}`);
    const digest = await buildSampleImage(join(work, 'image'));

    heading(`3. Sign it keylessly as ${EMAIL}`);
    const { id_token: token } = await requestDevToken({ dir: stack.dir, email: EMAIL });
    writeFileSync(join(work, 'identity-token.jwt'), token, { mode: 0o600 });
    const claims = jwtClaims(token);
    console.log(`  A development identity token (what \`keyless dev token --subject ${EMAIL}\` prints),`);
    console.log(`  in identity-token.jwt: iss ${claims.iss}, email ${claims.email}, aud ${claims.aud}.`);
    console.log('  A fresh key pair lives in memory only; the CA certifies it for that identity.\n');
    report(
      await keyless(
        [
          'sign',
          `oci:image@${digest}`,
          '-a',
          'env=demo',
          '--signing-config',
          'stack/signing_config.json',
          '--trusted-root',
          'stack/trusted_root.json',
          '--identity-token',
          'identity-token.jwt',
        ],
        work,
      ),
      0,
    );

    heading('4. What is attached to the image now');
    report(await keyless(['tree', `oci:image:${TAG}`], work), 0);

    const verifyArgs = (identity) => [
      'verify',
      `oci:image:${TAG}`,
      '-a',
      'env=demo',
      '--certificate-identity',
      identity,
      '--certificate-oidc-issuer',
      stack.issuers.email,
      '--trusted-root',
      'stack/trusted_root.json',
    ];
    heading(`5. Verify it: signed by ${EMAIL}, at the stack's issuer`);
    report(await keyless(verifyArgs(EMAIL), work), 0);

    heading(`6. Verify it for another identity (${WRONG_EMAIL}): rejected`);
    report(await keyless(verifyArgs(WRONG_EMAIL), work), 1);
  } finally {
    await stack.close();
  }
}

/** Lays out a real image index and the `.sig` manifest cosign pushed for it; resolves with its tag. */
async function realdataImage(source, dir) {
  const layout = await oci.openLayout(dir, { create: true });
  const index = readFileSync(join(source, 'image-index.json'));
  const { descriptor } = await layout.putManifest(index, oci.OCI_INDEX, 'v0.0.30');
  const sig = JSON.parse(readFileSync(join(source, 'sig-manifest.json'), 'utf8'));
  await layout.putBlob(readFileSync(join(source, 'payload.json')), oci.COSIGN_SIMPLESIGNING);
  await layout.putBlob(oci.signatureImageConfig(sig.layers), oci.OCI_IMAGE_CONFIG);
  // The published .sig manifest was reformatted; its own digest is not signed, so compact it.
  await layout.putManifest(
    encoder.encode(JSON.stringify(sig)),
    oci.OCI_MANIFEST,
    oci.signatureTag(descriptor.digest),
  );
  console.log(`  layout         ${dir}`);
  console.log(`  image index    ${descriptor.digest}, tagged v0.0.30`);
}

async function realdataDemo(work) {
  heading('7. A real public-good signature: docker.io/salrashid123/server_image, verified offline');
  const source = join(realdata, 'oci/salrashid123-gha-keyless-index');
  if (!existsSync(source)) {
    console.log(`  Skipped: the public Sigstore test vectors are not at ${source}`);
    console.log('  (set KEYLESS_REALDATA to the folder that holds oci/ to run this part).');
    return;
  }
  console.log('  cosign signed this multi-arch image in GitHub Actions, through public-good Fulcio');
  console.log('  and Rekor; the image index and its .sig manifest are copied into a layout.');
  await realdataImage(source, join(work, 'server_image'));
  console.log();
  report(
    await keyless(
      [
        'verify',
        'oci:server_image:v0.0.30',
        '--certificate-identity',
        'https://github.com/salrashid123/go-bazel-github-workflow/.github/workflows/release.yaml@refs/tags/v0.0.30',
        '--certificate-oidc-issuer',
        'https://token.actions.githubusercontent.com',
        '--offline',
      ],
      work,
    ),
    0,
  );
}

const work = mkdtempSync(join(tmpdir(), 'keyless-demo-'));
const cleanUp = () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

console.log('Keyless demo: sign a container image with a short-lived certificate, then verify it.');
console.log('Everything runs on this machine: no network, no browser, no Docker.');
console.log(`Commands run in ${work}; \`keyless\` is ${keylessBin}.`);
try {
  await localDemo(work);
  await realdataDemo(work);
  heading('Done');
  console.log('  The image signature verified for its signer and was rejected for anyone else.');
  if (keep) {
    console.log(`  The stack is stopped; its files, the image and its signature are kept in ${work}.`);
    console.log('  Verifying needs no running stack: rerun the command of step 5 from that folder.');
  } else {
    console.log('  The stack is stopped and the demo folder removed (pnpm demo --keep keeps it).');
  }
} catch (error) {
  console.error(`\ndemo: ${error.message}`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
