import { describe, expect, it } from 'vitest';
import { conformanceBundle, expectRefused, mutate, VM } from '../../test/bundle-parse-support.js';
import { parseBundle } from './parse.js';

const V01 = conformanceBundle('happy-path-v0.1');
const V02 = conformanceBundle('happy-path-v0.2');
const V03 = conformanceBundle('happy-path-v0.3');
const REKOR_V2 = conformanceBundle('rekor2-happy-path');

const ENTRY = `${VM}.tlogEntries[0]`;

describe('parseBundle: transparency log entries', () => {
  it('turns int64 strings into numbers', () => {
    const [entry] = parseBundle(V03).verificationMaterial.tlogEntries;
    expect(entry?.logIndex).toBe(Number(V03.verificationMaterial.tlogEntries[0].logIndex));
    expect(entry?.integratedTime).toBe(Number(V03.verificationMaterial.tlogEntries[0].integratedTime));
    expect(entry?.inclusionProof?.treeSize).toBe(
      Number(V03.verificationMaterial.tlogEntries[0].inclusionProof.treeSize),
    );
    expect(entry?.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.1' });
  });

  it('accepts int64 fields written as JSON numbers', () => {
    const json = mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].logIndex = 79571823));
    expect(parseBundle(json).verificationMaterial.tlogEntries[0]?.logIndex).toBe(79571823);
  });

  it('refuses a negative log index', () => {
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].logIndex = '-1')),
      `${ENTRY}.logIndex: must be a non-negative integer`,
    );
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].logIndex = -5)),
      `${ENTRY}.logIndex: must be a non-negative integer`,
    );
  });

  it('refuses int64 values that are not integers', () => {
    for (const value of ['1.5', '', ' 1', '0x10', '1e3', 1.5, true, {}, [], Number.NaN]) {
      expectRefused(
        mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].inclusionProof.treeSize = value)),
        `${ENTRY}.inclusionProof.treeSize: must be a non-negative integer`,
      );
    }
  });

  it('refuses int64 values beyond the safe-integer range', () => {
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].logIndex = '9223372036854775807')),
      `${ENTRY}.logIndex: must be at most 9007199254740991`,
    );
  });

  it('takes an absent integrated time (Rekor v2) as 0', () => {
    const [entry] = parseBundle(REKOR_V2).verificationMaterial.tlogEntries;
    expect(entry?.integratedTime).toBe(0);
    expect(entry?.inclusionPromise).toBeUndefined();
    expect(entry?.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.2' });
  });

  it('requires an inclusion promise on every v0.1 entry', () => {
    expectRefused(
      mutate(V01, (b) => delete b.verificationMaterial.tlogEntries[0].inclusionPromise),
      `${ENTRY}.inclusionPromise: is required in a v0.1 bundle`,
    );
  });

  it('accepts a v0.1 entry without an inclusion proof', () => {
    const json = mutate(V01, (b) => delete b.verificationMaterial.tlogEntries[0].inclusionProof);
    expect(parseBundle(json).verificationMaterial.tlogEntries[0]?.inclusionProof).toBeUndefined();
  });

  it('drops a v0.1 inclusion proof that has no checkpoint', () => {
    const json = mutate(V01, (b) => delete b.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint);
    const [entry] = parseBundle(json).verificationMaterial.tlogEntries;
    expect(entry?.inclusionProof).toBeUndefined();
    expect(entry?.inclusionPromise?.signedEntryTimestamp.length).toBeGreaterThan(0);
  });

  it('still checks the fields of a v0.1 inclusion proof that has no checkpoint', () => {
    const json = mutate(V01, (b) => {
      const proof = b.verificationMaterial.tlogEntries[0].inclusionProof;
      delete proof.checkpoint;
      proof.hashes[2] = 'not base64!';
    });
    expectRefused(json, `${ENTRY}.inclusionProof.hashes[2]: must be base64`);
  });

  it('requires an inclusion proof with a checkpoint on every v0.2 and v0.3 entry', () => {
    expectRefused(
      mutate(V02, (b) => delete b.verificationMaterial.tlogEntries[0].inclusionProof),
      `${ENTRY}.inclusionProof: is required in a v0.2 bundle`,
    );
    expectRefused(
      mutate(V03, (b) => delete b.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint),
      `${ENTRY}.inclusionProof.checkpoint: is required in a v0.3 bundle`,
    );
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint.envelope = '')),
      `${ENTRY}.inclusionProof.checkpoint.envelope: is required in a v0.3 bundle`,
    );
  });

  it('does not require an inclusion promise from v0.2 on', () => {
    const json = mutate(V02, (b) => delete b.verificationMaterial.tlogEntries[0].inclusionPromise);
    expect(parseBundle(json).verificationMaterial.tlogEntries[0]?.inclusionPromise).toBeUndefined();
  });

  it('requires kind and version strings', () => {
    expectRefused(
      mutate(V03, (b) => delete b.verificationMaterial.tlogEntries[0].kindVersion.kind),
      `${ENTRY}.kindVersion.kind: is required`,
    );
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries[0].kindVersion.version = 2)),
      `${ENTRY}.kindVersion.version: must be a string`,
    );
    expectRefused(
      mutate(V03, (b) => delete b.verificationMaterial.tlogEntries[0].kindVersion),
      `${ENTRY}.kindVersion: is required`,
    );
  });

  it('requires the log id and the canonicalized body', () => {
    expectRefused(
      mutate(V03, (b) => delete b.verificationMaterial.tlogEntries[0].logId),
      `${ENTRY}.logId: is required`,
    );
    expectRefused(
      mutate(V03, (b) => delete b.verificationMaterial.tlogEntries[0].canonicalizedBody),
      `${ENTRY}.canonicalizedBody: is required`,
    );
  });

  it('decodes the inclusion proof hashes and checkpoint', () => {
    const proof = parseBundle(V03).verificationMaterial.tlogEntries[0]?.inclusionProof;
    const json = V03.verificationMaterial.tlogEntries[0].inclusionProof;
    expect(proof?.hashes).toHaveLength(json.hashes.length);
    expect(proof?.hashes.every((h) => h.length === 32)).toBe(true);
    expect(proof?.rootHash).toHaveLength(32);
    expect(proof?.checkpoint.envelope).toBe(json.checkpoint.envelope);
  });

  it('refuses a tlog entry that is not an object and a tlogEntries that is not an array', () => {
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries = [7])),
      `${ENTRY}: must be an object`,
    );
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.tlogEntries = {})),
      `${VM}.tlogEntries: must be an array`,
    );
  });
});

describe('parseBundle: RFC 3161 timestamps', () => {
  it('decodes each signed timestamp', () => {
    const { rfc3161Timestamps } = parseBundle(REKOR_V2).verificationMaterial;
    expect(rfc3161Timestamps).toHaveLength(1);
    expect(rfc3161Timestamps[0]?.[0]).toBe(0x30);
  });

  it('has no timestamps when timestampVerificationData is absent or null', () => {
    expect(parseBundle(V03).verificationMaterial.rfc3161Timestamps).toEqual([]);
    const json = mutate(V03, (b) => (b.verificationMaterial.timestampVerificationData = null));
    expect(parseBundle(json).verificationMaterial.rfc3161Timestamps).toEqual([]);
  });

  it('refuses a signed timestamp that is not base64', () => {
    const json = mutate(REKOR_V2, (b) => {
      b.verificationMaterial.timestampVerificationData.rfc3161Timestamps[0].signedTimestamp = '%%%';
    });
    expectRefused(
      json,
      `${VM}.timestampVerificationData.rfc3161Timestamps[0].signedTimestamp: must be base64`,
    );
  });
});
