import type { PreparedLog } from '@keyless/core';
import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { loadCase, productionLogs, stagingLogs } from '../../test/conformance.js';
import { RekorError } from '../errors.js';
import { ed25519NoteKeyId } from './key-id.js';
import { checkpointKeyForLog, logOriginName, originMatches } from './log-key.js';
import { parseCheckpoint } from './parse.js';
import { verifyCheckpoint } from './verify.js';

const checkpoint = (name: string) =>
  parseCheckpoint(readRealdata('rekor/checkpoints', name).toString('utf8'));

const production = productionLogs();
const staging = stagingLogs();
const log = (logs: PreparedLog[], baseUrl: string) => logs.find((l) => l.baseUrl === baseUrl)!;
const prodV1 = log(production, 'https://rekor.sigstore.dev');
const stagingV1 = log(staging, 'https://rekor.sigstage.dev');
const alpha1 = log(staging, 'https://log2025-alpha1.rekor.sigstage.dev');
const alpha3 = log(staging, 'https://log2025-alpha3.rekor.sigstage.dev');

function checkpointError(fn: () => unknown): RekorError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RekorError) return err;
    throw err;
  }
  throw new Error('checkpoint verified');
}

describe('verifyCheckpoint', () => {
  it.each([
    ['prod-rekor-v1-shard-1193050959916656506.txt', prodV1],
    ['prod-rekor-v1-shard-3904496407287907110.txt', prodV1],
    ['sigstore-java-valid.txt', prodV1],
    ['staging-rekor-v1-shard-108574341321668964.txt', stagingV1],
    ['staging-rekor-v2-log2025-alpha1.txt', alpha1],
  ])('verifies %s with its log key', (name, key) => {
    expect(verifyCheckpoint(checkpoint(name), key).name).toBe(logOriginName(key.baseUrl));
  });

  it('verifies the log signature of a checkpoint cosigned by three witnesses', () => {
    expect(verifyCheckpoint(checkpoint('staging-rekor-v2-log2025-alpha3.txt'), alpha3).keyId).toBe(
      0xd3d3a70c,
    );
  });

  it('ignores a signature line from an unknown key', () => {
    expect(verifyCheckpoint(checkpoint('sigstore-java-valid_multi_sig.txt'), prodV1).name).toBe(
      'rekor.sigstore.dev',
    );
  });

  it('rejects a checkpoint whose log signature has a flipped bit', () => {
    const cp = checkpoint('prod-rekor-v1-shard-1193050959916656506.txt');
    const sig = cp.signatures[0]!;
    const flipped = Uint8Array.from(sig.signature, (b, i) => (i === 10 ? b ^ 1 : b));
    const error = checkpointError(() =>
      verifyCheckpoint({ ...cp, signatures: [{ ...sig, signature: flipped }] }, prodV1),
    );
    expect(error.code).toBe('ERR_TLOG_CHECKPOINT_INVALID');
    expect(error.message).toContain('does not verify');
  });

  it('rejects a checkpoint whose tree size was changed after signing', () => {
    const cp = checkpoint('staging-rekor-v2-log2025-alpha1.txt');
    const error = checkpointError(() =>
      verifyCheckpoint({ ...cp, text: cp.text.replace('\n744\n', '\n745\n'), treeSize: 745 }, alpha1),
    );
    expect(error.code).toBe('ERR_TLOG_CHECKPOINT_INVALID');
  });

  it('rejects a checkpoint verified against another log', () => {
    const error = checkpointError(() =>
      verifyCheckpoint(checkpoint('staging-rekor-v1-shard-108574341321668964.txt'), prodV1),
    );
    expect(error.message).toContain('is not the log rekor.sigstore.dev');
  });

  it('rejects a checkpoint with only a witness signature', () => {
    const cp = checkpoint('staging-rekor-v2-log2025-alpha3.txt');
    const error = checkpointError(() =>
      verifyCheckpoint({ ...cp, signatures: cp.signatures.slice(1) }, alpha3),
    );
    expect(error.message).toContain(
      'no signature from log2025-alpha3.rekor.sigstage.dev with key ID d3d3a70c',
    );
  });

  it('ignores a signature with the log name but another key ID', () => {
    const cp = checkpoint('staging-rekor-v2-log2025-alpha1.txt');
    const real = cp.signatures[0]!;
    const impostor = { ...real, keyId: real.keyId ^ 1, signature: new Uint8Array(64) };
    expect(verifyCheckpoint({ ...cp, signatures: [impostor, real] }, alpha1)).toBe(real);
  });
});

describe('checkpoint keys', () => {
  it('derives the Rekor v2 key ID from name and Ed25519 key, which is the start of its log ID', () => {
    expect(checkpointKeyForLog(alpha1).keyId).toBe(Buffer.from(alpha1.logId).readUInt32BE(0));
    expect(
      ed25519NoteKeyId('log2025-alpha1.rekor.sigstage.dev', alpha1.instance.publicKey.rawBytes.subarray(12)),
    ).toBe(0xf30d5a99);
  });

  it('derives the Rekor v1 key ID from the SPKI hash, which is the start of its log ID', () => {
    expect(checkpointKeyForLog(prodV1).keyId).toBe(0xc0d23d6a);
  });

  it("uses the trusted root's checkpointKeyId when it has one", () => {
    const withId: PreparedLog = {
      ...prodV1,
      instance: { ...prodV1.instance, checkpointKeyId: { keyId: Uint8Array.of(1, 2, 3, 4) } },
    };
    expect(checkpointKeyForLog(withId).keyId).toBe(0x01020304);
  });

  it('names a log by host and path of its base URL', () => {
    expect(logOriginName('https://log2025-alpha1.rekor.sigstage.dev')).toBe(
      'log2025-alpha1.rekor.sigstage.dev',
    );
    expect(logOriginName('http://localhost:8000/')).toBe('localhost:8000');
    expect(logOriginName('https://example.com/logs/a/')).toBe('example.com/logs/a');
  });

  it('accepts a Rekor v1 shard origin and rejects a look-alike', () => {
    expect(originMatches('rekor.sigstore.dev - 2605736670972794746', 'rekor.sigstore.dev')).toBe(true);
    expect(originMatches('rekor.sigstore.dev.evil - 1', 'rekor.sigstore.dev')).toBe(false);
    expect(originMatches('rekor.sigstore.dev - ', 'rekor.sigstore.dev')).toBe(false);
  });
});

describe('conformance checkpoints', () => {
  const proofCheckpoint = (name: string) => {
    const c = loadCase(name);
    const logs = c.logs.filter(
      (l) => Buffer.compare(Buffer.from(l.logId), Buffer.from(c.entry.logId.keyId)) === 0,
    );
    return { envelope: c.entry.inclusionProof!.checkpoint.envelope, log: logs[0]! };
  };

  it.each([
    'rekor2-checkpoint-cosigned',
    'rekor2-checkpoint-multiple-cosigs',
    'rekor2-checkpoint-origin-not-first',
    'rekor2-checkpoint-two-sigs-cosigned',
    'rekor2-checkpoint-two-sigs-from-origin',
    'happy-path-v0.1',
    'intoto-with-custom-trust-root',
  ])('verifies the checkpoint of %s', (name) => {
    const { envelope, log: key } = proofCheckpoint(name);
    expect(() => verifyCheckpoint(parseCheckpoint(envelope), key)).not.toThrow();
  });

  it.each([
    ['checkpoint-bad-keyhint_fail', 'no signature from rekor.sigstore.dev with key ID c0d23d6a'],
    ['invalid-checkpoint-signature_fail', 'does not verify'],
    ['rekor2-checkpoint-missing-log-signature_fail', 'no signature lines'],
    ['rekor2-checkpoint-missing-origin_fail', 'origin, tree size and root hash are required'],
    ['rekor2-checkpoint-missing-root-hash_fail', 'origin, tree size and root hash are required'],
    ['rekor2-checkpoint-missing-size_fail', 'origin, tree size and root hash are required'],
    ['rekor2-checkpoint-no-matching-signature_fail', 'is not the log log2025-alpha1.rekor.sigstage.dev'],
  ])('rejects the checkpoint of %s', (name, reason) => {
    const { envelope, log: key } = proofCheckpoint(name);
    const error = checkpointError(() => verifyCheckpoint(parseCheckpoint(envelope), key));
    expect(error.code).toBe('ERR_TLOG_CHECKPOINT_INVALID');
    expect(error.message).toContain(reason);
  });
});
