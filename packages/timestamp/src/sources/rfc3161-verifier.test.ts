import { describe, expect, it } from 'vitest';
import { conformanceCase } from '../../test/vectors.js';
import { rfc3161TimestampVerifier } from './rfc3161-verifier.js';

describe('rfc3161TimestampVerifier', () => {
  it('declares its kind', () => {
    expect(rfc3161TimestampVerifier([])).toMatchObject({ name: 'rfc3161', kind: 'rfc3161' });
  });

  it('verifies a bundle timestamp over the bundle signature', () => {
    const c = conformanceCase('rekor2-timestamp-with-embedded-cert');
    const verifier = rfc3161TimestampVerifier(c.trusted.tsas);
    const result = verifier.verify(
      { kind: 'rfc3161', signedTimestamp: c.timestamps[0]! },
      { signature: c.signature },
    );
    expect(result).toEqual({
      kind: 'rfc3161',
      authority: 'https://timestamp.sigstage.dev/api/v1/timestamp',
      time: new Date('2025-08-06T18:51:36Z'),
    });
  });

  it('rejects a timestamp over another signature', () => {
    const c = conformanceCase('rekor2-timestamp-with-embedded-cert');
    const verifier = rfc3161TimestampVerifier(c.trusted.tsas);
    const evidence = { kind: 'rfc3161', signedTimestamp: c.timestamps[0]! } as const;
    expect(() => verifier.verify(evidence, { signature: c.signature.subarray(1) })).toThrow(
      expect.objectContaining({ code: 'ERR_TIMESTAMP_IMPRINT_MISMATCH' }),
    );
  });

  it('refuses transparency-log evidence', () => {
    const c = conformanceCase('managed-key-happy-path');
    const verifier = rfc3161TimestampVerifier(c.trusted.tsas);
    expect(() =>
      verifier.verify({ kind: 'transparency-log', entry: c.tlogEntries[0]! }, { signature: c.signature }),
    ).toThrow(expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' }));
  });
});
