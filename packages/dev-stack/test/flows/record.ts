import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Recording, recordFetch } from '@keyless/testkit';
import { parseTimeStampResp } from '@keyless/timestamp';
import { createVerifier } from '@keyless/verify';
import { startDevStack } from '../../src/stack/start.js';
import { RECORDED_ARTIFACT, RECORDED_EMAIL, RECORDINGS, type RecordingMeta } from './recordings.js';
import { assertNothingSecret, redactTokens } from './redact.js';
import { bundleOf, createSigningInputs, type FlowStep, runSigningFlow } from './signing-flow.js';

const DESCRIPTIONS: Record<FlowStep, string> = {
  oidc: 'OIDC discovery of the dev stack issuer, then a development ID token (POST /oidc/dev/token)',
  fulcio: 'Fulcio API v2 signingCert: a certificate for the token email, with an embedded SCT',
  'rekor-v1':
    'Rekor v1: create a hashedrekord entry (201), get it by index, create it again (409) and get it by UUID',
  'rekor-v2': 'Rekor v2: create a hashedRekordRequestV002 entry',
  tsa: 'RFC 3161 timestamp over the artifact signature',
};

/**
 * Starts a dev stack in a temporary folder, runs the signing flow through a recording `fetch`,
 * checks that the results verify, and writes `<outDir>/<service>.json` for each service plus
 * `<outDir>/trusted_root.json`. The folder, keys included, is deleted afterwards. Returns the
 * paths written.
 */
export async function recordDevStackFixtures(outDir: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-fixtures-'));
  const stack = await startDevStack({ dir });
  const recorder = recordFetch();
  const devSecret = (await readFile(join(dir, 'oidc', 'dev-secret'), 'utf8')).trim();
  const inputs = createSigningInputs(RECORDED_EMAIL, new TextEncoder().encode(RECORDED_ARTIFACT));
  const byStep = new Map<FlowStep, number>();
  const recordedAt = new Date();
  try {
    const result = await recorder.run(() =>
      runSigningFlow({ urls: stack.urls, trustedRoot: stack.trustedRoot, devSecret }, inputs, (step) =>
        byStep.set(step, recorder.exchanges.length),
      ),
    );
    // What is recorded must be worth replaying: both bundles verify now, as the replay test will.
    const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
    for (const entry of [result.rekorV1Entry, result.rekorV2Entry]) {
      await verifier.verify(
        bundleOf(result, inputs, entry),
        { artifact: inputs.artifact },
        {
          identity: RECORDED_EMAIL,
          issuer: stack.urls.oidc,
        },
      );
    }
    const nonce = parseTimeStampResp(result.timestamp).timeStampToken?.tstInfo.nonce;
    if (nonce === undefined) throw new Error('the TSA answered without a nonce');
    const meta: RecordingMeta = {
      urls: stack.urls,
      email: inputs.email,
      artifact: RECORDED_ARTIFACT,
      publicKey: Buffer.from(inputs.publicKey).toString('base64'),
      proofOfPossession: Buffer.from(inputs.proofOfPossession).toString('base64'),
      signature: Buffer.from(inputs.signature).toString('base64'),
      tsaNonce: nonce.toString(),
    };
    const exchanges = redactTokens(recorder.exchanges);
    const written: string[] = [];
    for (const [i, step] of RECORDINGS.entries()) {
      const from = byStep.get(step) ?? 0;
      const to =
        i + 1 < RECORDINGS.length ? (byStep.get(RECORDINGS[i + 1]!) ?? exchanges.length) : exchanges.length;
      const recording: Recording = {
        name: `dev-stack/${step}`,
        description: DESCRIPTIONS[step],
        recordedAt: recordedAt.toISOString(),
        notes: [
          `Recorded from a Keyless dev stack at ${stack.url} by scripts/record-fixtures.mjs; its keys were deleted afterwards.`,
          'ID tokens have their signature replaced by "signature-removed": they verify nowhere (and expired 10 minutes after recordedAt).',
          'Credentials (authorization headers, the dev token secret) are never recorded.',
        ],
        meta: { ...meta },
        exchanges: exchanges.slice(from, to),
      };
      const text = `${JSON.stringify(recording, null, 2)}\n`;
      assertNothingSecret(text, devSecret);
      const path = join(outDir, `${step}.json`);
      await writeFile(path, text);
      written.push(path);
    }
    const rootPath = join(outDir, 'trusted_root.json');
    await writeFile(rootPath, `${JSON.stringify(stack.trustedRoot, null, 2)}\n`);
    written.push(rootPath);
    return written;
  } finally {
    recorder.restore();
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
