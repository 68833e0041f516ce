import type { PreparedLog, TransparencyLogEntry } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { conformanceCase } from '../../test/vectors.js';
import { integratedTimeVerifier } from './integrated-time-verifier.js';

const code = (c: string) => expect.objectContaining({ code: c });
const NO_SIGNATURE = { signature: new Uint8Array() };

function verifyEntry(tlogs: readonly PreparedLog[], entry: TransparencyLogEntry) {
  return integratedTimeVerifier(tlogs).verify({ kind: 'transparency-log', entry }, NO_SIGNATURE);
}

describe('integratedTimeVerifier', () => {
  it('declares its kind', () => {
    expect(integratedTimeVerifier([])).toMatchObject({ name: 'integrated-time', kind: 'transparency-log' });
  });

  it('turns a production Rekor entry into a time vouched for by the log', () => {
    const c = conformanceCase('managed-key-happy-path');
    expect(verifyEntry(c.trusted.tlogs, c.tlogEntries[0]!)).toEqual({
      kind: 'transparency-log',
      authority: 'https://rekor.sigstore.dev',
      time: new Date(1766077479 * 1000),
    });
  });

  it("uses the case's own log from its trusted root", () => {
    const c = conformanceCase('intoto-tsa-timestamp-outside-cert-validity_fail');
    expect(verifyEntry(c.trusted.tlogs, c.tlogEntries[0]!)).toMatchObject({
      authority: 'http://localhost:8000',
      time: new Date('2023-02-01T00:00:00Z'),
    });
  });

  it('refuses a Rekor v2 entry, which has no integrated time', () => {
    const c = conformanceCase('rekor2-timestamp-with-embedded-cert');
    expect(c.tlogEntries[0]!.integratedTime).toBe(0);
    expect(() => verifyEntry(c.trusted.tlogs, c.tlogEntries[0]!)).toThrow(code('ERR_TIMESTAMP_MISSING'));
  });

  it('refuses an entry from a log the trusted root does not list', () => {
    const c = conformanceCase('managed-key-happy-path');
    const staging = conformanceCase('rekor2-timestamp-with-embedded-cert');
    expect(() => verifyEntry(staging.trusted.tlogs, c.tlogEntries[0]!)).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });

  it("refuses a time before the log key's validity window", () => {
    const c = conformanceCase('managed-key-happy-path');
    const entry = { ...c.tlogEntries[0]!, integratedTime: Date.parse('2021-01-01T00:00:00Z') / 1000 };
    expect(() => verifyEntry(c.trusted.tlogs, entry)).toThrow(code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'));
  });

  it('picks the key of a log whose window holds the time', () => {
    const c = conformanceCase('managed-key-happy-path');
    const entry = c.tlogEntries[0]!;
    const [log] = c.trusted.tlogs;
    const retired: PreparedLog = {
      ...log!,
      baseUrl: 'https://retired.example',
      validFor: { start: new Date(0), end: new Date(1) },
    };
    const current: PreparedLog = { ...log!, baseUrl: 'https://current.example' };
    expect(verifyEntry([retired, current], entry).authority).toBe('https://current.example');
  });

  it('refuses RFC 3161 evidence', () => {
    expect(() =>
      integratedTimeVerifier([]).verify({ kind: 'rfc3161', signedTimestamp: new Uint8Array() }, NO_SIGNATURE),
    ).toThrow(code('ERR_TIMESTAMP_MALFORMED'));
  });
});
