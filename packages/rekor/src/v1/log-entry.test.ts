import { toHex } from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { RekorError } from '../errors.js';
import { type RekorV1LogEntry, transparencyLogEntryFromV1 } from './log-entry.js';

const apiEntry = (name: string) =>
  Object.values(readRealdataJson<Record<string, RekorV1LogEntry>>('rekor/api-responses', name))[0]!;

describe('transparencyLogEntryFromV1', () => {
  it('decodes hex log ID, proof hashes and root hash', () => {
    const entry = transparencyLogEntryFromV1(apiEntry('prod-jar-logIndex3120029.json'));
    expect(toHex(entry.logId.keyId)).toBe('c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d');
    expect(entry.inclusionProof?.hashes).toHaveLength(22);
    expect(toHex(entry.inclusionProof!.rootHash)).toBe(
      '4d006aa46efcb607dd51d900b1213754c50cc9251c3405c6c2561d9d6a2f3239',
    );
    expect(
      entry.inclusionProof?.checkpoint.envelope.startsWith('rekor.sigstore.dev - 3904496407287907110\n'),
    ).toBe(true);
  });

  it('takes kind and version from the body', () => {
    expect(transparencyLogEntryFromV1(apiEntry('prod-jar-logIndex3120029.json')).kindVersion).toEqual({
      kind: 'jar',
      version: '0.0.1',
    });
  });

  it('keeps an entry without an inclusion proof proof-less', () => {
    const entry = transparencyLogEntryFromV1(
      apiEntry('staging-hashedrekord-no-inclusion-proof-logIndex79.json'),
    );
    expect(entry.inclusionProof).toBeUndefined();
    expect(entry.inclusionPromise?.signedEntryTimestamp.length).toBeGreaterThan(0);
  });

  it('rejects a log ID that is not hex', () => {
    const bad = { ...apiEntry('prod-jar-logIndex3120029.json'), logID: 'zz' };
    expect(() => transparencyLogEntryFromV1(bad)).toThrow(RekorError);
  });

  it('rejects a negative log index', () => {
    const bad = { ...apiEntry('prod-jar-logIndex3120029.json'), logIndex: -1 };
    expect(() => transparencyLogEntryFromV1(bad)).toThrow(/logIndex is not a non-negative integer/);
  });
});
