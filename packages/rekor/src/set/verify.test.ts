import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { flipBit, loadCase, productionLogs, stagingLogs } from '../../test/conformance.js';
import { RekorError } from '../errors.js';
import { type RekorV1LogEntry, transparencyLogEntryFromV1 } from '../v1/log-entry.js';
import { inclusionPromisePayload } from './payload.js';
import { verifyInclusionPromise } from './verify.js';

const apiEntry = (name: string) => {
  const response = readRealdataJson<Record<string, RekorV1LogEntry>>('rekor/api-responses', name);
  return transparencyLogEntryFromV1(Object.values(response)[0]!);
};
const prod = productionLogs().find((l) => l.baseUrl === 'https://rekor.sigstore.dev')!;
const staging = stagingLogs().find((l) => l.baseUrl === 'https://rekor.sigstage.dev')!;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof RekorError ? err.code : 'not a RekorError';
  }
  return undefined;
}

describe('inclusionPromisePayload', () => {
  it('writes canonical JSON with sorted keys and no spaces', () => {
    const payload = inclusionPromisePayload({
      canonicalizedBody: Buffer.from('{}'),
      integratedTime: 1,
      logId: Uint8Array.of(0xab),
      logIndex: 2,
    });
    expect(payload.toString()).toBe('{"body":"e30=","integratedTime":1,"logID":"ab","logIndex":2}');
  });
});

describe('verifyInclusionPromise', () => {
  it.each([
    ['prod-hashedrekord-logIndex18624203.json', prod],
    ['prod-jar-logIndex3120029.json', prod],
    ['staging-hashedrekord-logIndex1688.json', staging],
    ['staging-hashedrekord-no-inclusion-proof-logIndex79.json', staging],
  ])('verifies the SET of %s', (name, log) => {
    expect(codeOf(() => verifyInclusionPromise(apiEntry(name), log))).toBeUndefined();
  });

  it('verifies the SET of a conformance bundle', () => {
    const c = loadCase('happy-path-v0.1');
    expect(codeOf(() => verifyInclusionPromise(c.entry, prod))).toBeUndefined();
  });

  it('rejects a SET with a flipped bit', () => {
    const entry = apiEntry('prod-jar-logIndex3120029.json');
    const tampered = {
      ...entry,
      inclusionPromise: { signedEntryTimestamp: flipBit(entry.inclusionPromise!.signedEntryTimestamp, -3) },
    };
    expect(codeOf(() => verifyInclusionPromise(tampered, prod))).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('rejects a SET when the integrated time was changed', () => {
    const entry = apiEntry('prod-jar-logIndex3120029.json');
    expect(
      codeOf(() => verifyInclusionPromise({ ...entry, integratedTime: entry.integratedTime + 1 }, prod)),
    ).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('rejects a SET when the body was changed', () => {
    const entry = apiEntry('prod-hashedrekord-logIndex18624203.json');
    const tampered = { ...entry, canonicalizedBody: flipBit(entry.canonicalizedBody, 40) };
    expect(codeOf(() => verifyInclusionPromise(tampered, prod))).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('rejects a SET checked with another log key', () => {
    expect(
      codeOf(() => verifyInclusionPromise(apiEntry('staging-hashedrekord-logIndex1688.json'), prod)),
    ).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('rejects the conformance bundle with an invalid SET signature', () => {
    const c = loadCase('set-invalid-signature_fail');
    expect(codeOf(() => verifyInclusionPromise(c.entry, prod))).toBe('ERR_TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('reports a missing SET', () => {
    const { inclusionPromise: _, ...entry } = apiEntry('prod-jar-logIndex3120029.json');
    expect(codeOf(() => verifyInclusionPromise(entry, prod))).toBe('ERR_TLOG_MISSING_PROOF');
  });
});
