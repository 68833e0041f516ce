import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustedRootJson } from '@keyless/core';
import { fixturesDir, replayFixtures } from '@keyless/testkit';
import { createVerifier } from '@keyless/verify';
import { describe, expect, it, vi } from 'vitest';
import { inputsFromMeta, RECORDINGS, type RecordingMeta } from './flows/recordings.js';
import { bundleOf, runSigningFlow } from './flows/signing-flow.js';

// The timestamp client draws a random nonce and insists that the answer echoes it; a replayed
// answer echoes the recorded nonce, so the client's next 8-byte draw is made to be that one.
const nonce = vi.hoisted(() => ({ next: undefined as bigint | undefined }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const randomBytes = ((size: number) => {
    if (size !== 8 || nonce.next === undefined) return actual.randomBytes(size);
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(nonce.next << 1n);
    nonce.next = undefined;
    return bytes;
  }) as typeof actual.randomBytes;
  return { ...actual, default: { ...actual, randomBytes }, randomBytes };
});

const trustedRoot = JSON.parse(
  readFileSync(join(fixturesDir, 'dev-stack', 'trusted_root.json'), 'utf8'),
) as TrustedRootJson;

/** Installs the dev stack recordings and runs the signing flow against them. */
async function replaySigningFlow(root: TrustedRootJson = trustedRoot) {
  const replay = replayFixtures(RECORDINGS.map((name) => `dev-stack/${name}`));
  const recording = replay.recordings[0]!;
  const meta = recording.meta as unknown as RecordingMeta;
  const inputs = inputsFromMeta(meta);
  nonce.next = BigInt(meta.tsaNonce);
  const run = () => runSigningFlow({ urls: meta.urls, trustedRoot: root, devSecret: 'replayed' }, inputs);
  return { replay, recording, meta, inputs, run };
}

describe('the dev stack recordings, replayed offline', () => {
  it('answer every request of the signing flow, each exchange exactly once', async () => {
    const { replay, run } = await replaySigningFlow();
    await run();
    expect([replay.unmatched, replay.pending().length]).toEqual([[], 0]);
  });

  it('give a certificate for the recorded email, logged in both logs and timestamped', async () => {
    const { run, meta } = await replaySigningFlow();
    const result = await run();
    expect([
      result.discovery.issuer,
      result.chain.length,
      result.rekorV1Fetched.logIndex,
      result.rekorV1Duplicate.logIndex,
      result.rekorV2Entry.kindVersion,
      result.timestamp.length > 0,
    ]).toEqual([
      meta.urls.oidc,
      3,
      result.rekorV1Entry.logIndex,
      result.rekorV1Entry.logIndex,
      { kind: 'hashedrekord', version: '0.0.2' },
      true,
    ]);
  });

  it.each(['rekorV1Entry', 'rekorV2Entry'] as const)(
    'yield a bundle with the %s that verifies with the recorded trusted root at the recording time',
    async (which) => {
      const { run, recording, inputs, meta } = await replaySigningFlow();
      const result = await run();
      const verifier = await createVerifier({ trustedRoot, now: () => new Date(recording.recordedAt) });
      const verified = await verifier.verify(
        bundleOf(result, inputs, result[which]),
        { artifact: inputs.artifact },
        {
          identity: meta.email,
          issuer: meta.urls.oidc,
        },
      );
      expect([verified.signer.identity, verified.signer.issuer]).toEqual([meta.email, meta.urls.oidc]);
    },
  );

  it('yield a bundle rejected for another artifact', async () => {
    const { run, recording, inputs, meta } = await replaySigningFlow();
    const result = await run();
    const verifier = await createVerifier({ trustedRoot, now: () => new Date(recording.recordedAt) });
    await expect(
      verifier.verify(
        bundleOf(result, inputs, result.rekorV1Entry),
        { artifact: new Uint8Array([1, 2, 3]) },
        {
          identity: meta.email,
          issuer: meta.urls.oidc,
        },
      ),
    ).rejects.toMatchObject({ code: 'ERR_ARTIFACT_MISMATCH' });
  });

  it('are refused by the Fulcio client under a trusted root without their CA', async () => {
    const foreign = { ...trustedRoot, certificateAuthorities: [] };
    const { run } = await replaySigningFlow(foreign);
    await expect(run()).rejects.toMatchObject({ code: 'ERR_FULCIO_CHAIN_UNTRUSTED' });
  });

  it('hold only tokens whose signature was removed', () => {
    const replay = replayFixtures(RECORDINGS.map((name) => `dev-stack/${name}`));
    const tokens = JSON.stringify(replay.recordings).match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g) ?? [];
    expect([tokens.length > 0, tokens.every((t) => t.endsWith('.signature-removed'))]).toEqual([true, true]);
  });
});
