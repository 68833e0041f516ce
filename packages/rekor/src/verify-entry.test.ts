import type { PreparedLog, TransparencyLogEntry, TransparencyLogEntryJson } from '@keyless/core';
import { prepareLog } from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { decodeEntry, flipBit, loadCase, productionLogs, stagingLogs } from '../test/conformance.js';
import { RekorError } from './errors.js';
import { type RekorV1LogEntry, transparencyLogEntryFromV1 } from './v1/log-entry.js';
import { type VerifyLogEntryOptions, verifyTransparencyLogEntry } from './verify-entry.js';

function codeOf(entry: TransparencyLogEntry, logs: readonly PreparedLog[], options?: VerifyLogEntryOptions) {
  try {
    verifyTransparencyLogEntry(entry, logs, options);
  } catch (err) {
    return err instanceof RekorError ? err.code : `unexpected ${String(err)}`;
  }
  return 'verified';
}

const apiEntry = (name: string) =>
  transparencyLogEntryFromV1(
    Object.values(readRealdataJson<Record<string, RekorV1LogEntry>>('rekor/api-responses', name))[0]!,
  );
const production = productionLogs();
const staging = stagingLogs();

describe('verifyTransparencyLogEntry on conformance bundles', () => {
  it.each([
    'happy-path-v0.1',
    'happy-path-v0.2',
    'happy-path-v0.3',
    'happy-path-v0.3-new-mediaType',
    'happy-path-intoto-in-dsse-v3',
    'intoto-with-custom-trust-root',
    'managed-key-happy-path',
    'managed-key-and-trusted-root',
    'trust-root-tlog-validity-end-inclusive',
  ])('verifies SET, inclusion proof and checkpoint of %s', (name) => {
    const c = loadCase(name);
    const result = verifyTransparencyLogEntry(c.entry, c.logs);
    expect(result.checks).toEqual(['inclusion-promise', 'inclusion-proof', 'checkpoint']);
    expect(result.integratedTime?.getTime()).toBe(c.entry.integratedTime * 1000);
  });

  it.each([
    'rekor2-happy-path',
    'rekor2-dsse-happy-path',
    'rekor2-checkpoint-cosigned',
    'rekor2-checkpoint-multiple-cosigs',
    'rekor2-checkpoint-origin-not-first',
    'rekor2-checkpoint-two-sigs-cosigned',
    'rekor2-checkpoint-two-sigs-from-origin',
  ])('verifies the inclusion proof and checkpoint of Rekor v2 entry %s', (name) => {
    const c = loadCase(name);
    const result = verifyTransparencyLogEntry(c.entry, c.logs);
    expect(result.checks).toEqual(['inclusion-proof', 'checkpoint']);
    expect(result.integratedTime).toBeUndefined();
    expect(result.log.baseUrl).toMatch(/^https:\/\/log2025-alpha[13]\.rekor\.sigstage\.dev$/);
  });

  it.each([
    ['checkpoint-bad-keyhint_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['checkpoint-wrong-roothash_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['invalid-checkpoint-signature_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['inclusion-proof-corrupted-hash_fail', 'ERR_TLOG_INCLUSION_PROOF_INVALID'],
    ['invalid-inclusion-proof_fail', 'ERR_TLOG_INCLUSION_PROOF_INVALID'],
    ['set-invalid-signature_fail', 'ERR_TLOG_INCLUSION_PROMISE_INVALID'],
    ['rekor2-checkpoint-missing-log-signature_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['rekor2-checkpoint-missing-origin_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['rekor2-checkpoint-missing-root-hash_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['rekor2-checkpoint-missing-size_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['rekor2-checkpoint-no-matching-signature_fail', 'ERR_TLOG_CHECKPOINT_INVALID'],
    ['rekor2-no-inclusion-proof_fail', 'ERR_TLOG_MISSING_PROOF'],
    ['trust-root-tlog-missing-validity-start_fail', 'ERR_TLOG_KEY_NOT_VALID'],
    ['bundle-from-wrong-instance_fail', 'ERR_TLOG_UNKNOWN_LOG'],
    ['bundle-negative-log-index_fail', 'ERR_TLOG_ENTRY_INVALID'],
  ])('rejects %s with %s', (name, code) => {
    const c = loadCase(name);
    expect(codeOf(c.entry, c.logs)).toBe(code);
  });

  it('rejects a v0.2 entry with only a SET when an inclusion proof is required', () => {
    const c = loadCase('intoto-missing-inclusion-proof_fail');
    expect(codeOf(c.entry, c.logs)).toBe('verified');
    expect(codeOf(c.entry, c.logs, { requireInclusionProof: true })).toBe('ERR_TLOG_MISSING_PROOF');
  });

  it('leaves the certificate-validity failure of integrated-time-in-future_fail to the caller', () => {
    // The entry was integrated after the certificate expired; the log entry itself is sound.
    const c = loadCase('integrated-time-in-future_fail');
    expect(codeOf(c.entry, c.logs)).toBe('verified');
  });
});

describe('integrated time', () => {
  const c = loadCase('integrated-time-in-future_fail');
  const integrated = c.entry.integratedTime * 1000;

  it('rejects an integrated time after now', () => {
    expect(codeOf(c.entry, c.logs, { now: new Date(integrated - 3600_000) })).toBe(
      'ERR_TLOG_INTEGRATED_TIME_IN_FUTURE',
    );
  });

  it('allows a minute of clock skew', () => {
    expect(codeOf(c.entry, c.logs, { now: new Date(integrated - 30_000) })).toBe('verified');
    expect(codeOf(c.entry, c.logs, { now: new Date(integrated - 61_000) })).toBe(
      'ERR_TLOG_INTEGRATED_TIME_IN_FUTURE',
    );
  });
});

describe('log key selection', () => {
  const c = loadCase('happy-path-v0.1');
  const real = c.logs.find((l) => l.baseUrl === 'https://rekor.sigstore.dev')!;
  const integrated = new Date(c.entry.integratedTime * 1000);
  const otherKey = staging.find((l) => l.baseUrl === 'https://rekor.sigstage.dev')!;
  // A second key listed under the same log ID, as after a key rotation.
  const rotated = (window: { start?: Date; end?: Date }): PreparedLog =>
    prepareLog({
      ...real.instance,
      publicKey: { ...otherKey.instance.publicKey, validFor: window },
    });

  it('uses the key that was valid at the integrated time', () => {
    const later = rotated({ start: new Date(integrated.getTime() + 1000) });
    const earlier = { ...real, validFor: { start: real.validFor.start, end: integrated } };
    expect(verifyTransparencyLogEntry(c.entry, [later, earlier]).log).toBe(earlier);
  });

  it('verifies with the key valid at the integrated time even when it is the wrong one', () => {
    const wrong = rotated({ start: new Date(0) });
    const expired = { ...real, validFor: { start: new Date(0), end: new Date(integrated.getTime() - 1000) } };
    expect(codeOf(c.entry, [expired, wrong])).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('rejects an entry integrated outside every key window', () => {
    const expired = { ...real, validFor: { start: new Date(0), end: new Date(integrated.getTime() - 1000) } };
    expect(codeOf(c.entry, [expired])).toBe('ERR_TLOG_KEY_NOT_VALID');
  });

  it('rejects a log without a usable key', () => {
    expect(codeOf(c.entry, [{ ...real, key: undefined }])).toBe('ERR_TLOG_KEY_NOT_VALID');
  });

  it('rejects an entry from a log that is not trusted', () => {
    expect(codeOf(c.entry, staging)).toBe('ERR_TLOG_UNKNOWN_LOG');
  });
});

describe('Rekor v2 entries without an integrated time', () => {
  const entry = decodeEntry(
    readRealdataJson<TransparencyLogEntryJson>(
      'rekor/rekor-v2/staging-log2025-alpha1-hashedrekord-v002-entry.json',
    ),
  );

  it('verifies the real entry against the staging trusted root', () => {
    const result = verifyTransparencyLogEntry(entry, staging);
    expect(result.log.baseUrl).toBe('https://log2025-alpha1.rekor.sigstage.dev');
    expect(result.checkpoint?.treeSize).toBe(744);
  });

  it('requires the log key to be valid at every trusted timestamp given', () => {
    const inside = new Date('2025-06-12T00:00:00Z');
    const after = new Date('2025-10-01T00:00:00Z');
    expect(codeOf(entry, staging, { timestamps: [inside] })).toBe('verified');
    expect(codeOf(entry, staging, { timestamps: [inside, after] })).toBe('ERR_TLOG_KEY_NOT_VALID');
  });

  it('requires the key validity to have started when no timestamp is given', () => {
    expect(codeOf(entry, staging, { now: new Date('2025-01-01T00:00:00Z') })).toBe('ERR_TLOG_KEY_NOT_VALID');
  });

  it('rejects the entry when its body was altered', () => {
    expect(codeOf({ ...entry, canonicalizedBody: flipBit(entry.canonicalizedBody, 30) }, staging)).toBe(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });
});

describe('tampered entries', () => {
  const c = loadCase('happy-path-v0.3');
  const proof = c.entry.inclusionProof!;

  it('rejects a flipped bit in an inclusion proof hash', () => {
    const hashes = proof.hashes.map((h, i) => (i === 3 ? flipBit(h, 7) : h));
    expect(codeOf({ ...c.entry, inclusionProof: { ...proof, hashes } }, c.logs)).toBe(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });

  it('rejects a flipped bit in the SET', () => {
    const set = flipBit(c.entry.inclusionPromise!.signedEntryTimestamp, 20);
    expect(codeOf({ ...c.entry, inclusionPromise: { signedEntryTimestamp: set } }, c.logs)).toBe(
      'ERR_TLOG_INCLUSION_PROMISE_INVALID',
    );
  });

  it('rejects a changed character in the checkpoint signature', () => {
    const envelope = proof.checkpoint.envelope;
    const at = envelope.lastIndexOf(' ') + 20;
    const changed = envelope.slice(0, at) + (envelope[at] === 'A' ? 'B' : 'A') + envelope.slice(at + 1);
    expect(
      codeOf({ ...c.entry, inclusionProof: { ...proof, checkpoint: { envelope: changed } } }, c.logs),
    ).toBe('ERR_TLOG_CHECKPOINT_INVALID');
  });

  it('rejects a flipped bit in the body', () => {
    expect(codeOf({ ...c.entry, canonicalizedBody: flipBit(c.entry.canonicalizedBody, 50) }, c.logs)).toBe(
      'ERR_TLOG_INCLUSION_PROMISE_INVALID',
    );
  });

  it('rejects an entry with neither promise nor proof', () => {
    const { inclusionPromise: _p, inclusionProof: _q, ...bare } = c.entry;
    expect(codeOf(bare, c.logs)).toBe('ERR_TLOG_MISSING_PROOF');
  });

  it('rejects a checkpoint for another tree size than the proof', () => {
    const other = loadCase('happy-path-v0.1').entry.inclusionProof!.checkpoint;
    expect(() =>
      verifyTransparencyLogEntry({ ...c.entry, inclusionProof: { ...proof, checkpoint: other } }, c.logs),
    ).toThrow(/checkpoint tree size 23083062 is not the inclusion proof's 75408393/);
  });
});

describe('Rekor v1 API entries', () => {
  it('verifies a production entry (SET, proof, checkpoint of an older shard)', () => {
    const result = verifyTransparencyLogEntry(apiEntry('prod-jar-logIndex3120029.json'), production);
    expect(result.checks).toEqual(['inclusion-promise', 'inclusion-proof', 'checkpoint']);
    expect(result.checkpoint?.origin).toBe('rekor.sigstore.dev - 3904496407287907110');
  });

  it('verifies a staging entry', () => {
    expect(
      verifyTransparencyLogEntry(apiEntry('staging-hashedrekord-logIndex1688.json'), staging).checks,
    ).toHaveLength(3);
  });

  it('verifies a staging entry that has only a SET', () => {
    const result = verifyTransparencyLogEntry(
      apiEntry('staging-hashedrekord-no-inclusion-proof-logIndex79.json'),
      staging,
    );
    expect(result.checks).toEqual(['inclusion-promise']);
  });

  it('rejects a checkpoint whose signature line was reformatted with double spaces', () => {
    expect(codeOf(apiEntry('prod-hashedrekord-logIndex18624203.json'), production)).toBe(
      'ERR_TLOG_CHECKPOINT_INVALID',
    );
  });
});
