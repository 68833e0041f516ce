import { toHex } from '@keyless/core';
import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { RekorError } from '../errors.js';
import { formatCheckpointNote, formatSignedNote } from './format.js';
import { parseCheckpoint } from './parse.js';

const checkpoint = (name: string) => readRealdata('rekor/checkpoints', name).toString('utf8');

function parseError(text: string): RekorError {
  try {
    parseCheckpoint(text);
  } catch (err) {
    if (err instanceof RekorError) return err;
    throw err;
  }
  throw new Error('checkpoint parsed');
}

describe('parseCheckpoint', () => {
  it('reads origin, tree size, root hash and extension lines of a Rekor v1 checkpoint', () => {
    const cp = parseCheckpoint(checkpoint('sigstore-java-valid.txt'));
    expect(cp.origin).toBe('rekor.sigstore.dev - 2605736670972794746');
    expect(cp.treeSize).toBe(37795272);
    expect(toHex(cp.rootHash)).toBe('eb4965ee27562358d8459cf173e8ca7e56285bee235b1819686475e404ac5ade');
    expect(cp.extensions).toEqual(['Timestamp: 1697034484441201852']);
  });

  it('keeps the signed text byte for byte, final newline included', () => {
    const cp = parseCheckpoint(checkpoint('staging-rekor-v2-log2025-alpha1.txt'));
    expect(cp.text).toBe(
      'log2025-alpha1.rekor.sigstage.dev\n744\nesdDSd9WE37oIvN7WDlJVKtt/QajruODJO7PVEwwTXs=\n',
    );
  });

  it('reads the key name and 32-bit key ID of a signature line', () => {
    const [sig] = parseCheckpoint(checkpoint('prod-rekor-v1-shard-1193050959916656506.txt')).signatures;
    expect(sig?.name).toBe('rekor.sigstore.dev');
    expect(sig?.keyId).toBe(0xc0d23d6a);
    expect(sig?.signature[0]).toBe(0x30);
  });

  it('reads every signature line of a cosigned checkpoint', () => {
    const cp = parseCheckpoint(checkpoint('staging-rekor-v2-log2025-alpha3.txt'));
    expect(cp.signatures.map((s) => s.name)).toEqual([
      'log2025-alpha3.rekor.sigstage.dev',
      'witness.stagemole.eu',
      'staging.witness.transparency.goog/ring-any-bells',
      'witness.navigli.sunlight.geomys.org',
    ]);
  });

  it('parses every real checkpoint', () => {
    for (const name of [
      'prod-rekor-v1-shard-1193050959916656506.txt',
      'prod-rekor-v1-shard-3904496407287907110.txt',
      'staging-rekor-v1-shard-108574341321668964.txt',
      'staging-rekor-v2-log2025-alpha1.txt',
      'staging-rekor-v2-log2025-alpha3.txt',
      'sigstore-java-valid.txt',
      'sigstore-java-valid_multi_sig.txt',
    ]) {
      expect(parseCheckpoint(checkpoint(name)).signatures.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['sigstore-java-error_header_body_separator.txt', 'no blank line'],
    ['sigstore-java-error_header_count.txt', 'origin, tree size and root hash are required'],
    ['sigstore-java-error_no_newline_after_signature.txt', 'does not end with a newline'],
    ['sigstore-java-error_no_signatures.txt', 'no signature lines'],
    ['sigstore-java-error_not_a_number.txt', 'is not a decimal number'],
    ['sigstore-java-error_signature_format_invalid.txt', 'does not start with'],
    ['sigstore-java-error_signature_length_insufficient.txt', 'too short'],
  ])('rejects %s (%s)', (name, reason) => {
    const error = parseError(checkpoint(name));
    expect(error.code).toBe('ERR_TLOG_CHECKPOINT_INVALID');
    expect(error.message).toContain(reason);
  });

  it('rejects a signature line with two spaces around the key name', () => {
    const text = checkpoint('prod-rekor-v1-shard-3904496407287907110.txt').replace('— rekor', '—  rekor');
    expect(parseError(text).message).toContain('is not "— <key name> <base64 signature>"');
  });

  it('rejects a control character in the note', () => {
    const text = checkpoint('sigstore-java-valid.txt').replace('\n37795272', '\r\n37795272');
    expect(parseError(text).message).toContain('control character 0x0d');
  });

  it('rejects a tree size with a leading zero', () => {
    const text = checkpoint('sigstore-java-valid.txt').replace('\n37795272\n', '\n037795272\n');
    expect(parseError(text).message).toContain('is not a decimal number');
  });

  it('rejects an empty checkpoint', () => {
    expect(parseError('').message).toContain('empty');
  });

  it('rejects a root hash that is not base64', () => {
    const text = checkpoint('sigstore-java-valid.txt').replace('60ll7idWI1jYRZzxc', '60ll7idWI1jYRZzx!');
    expect(parseError(text).message).toContain('is not base64');
  });
});

describe('formatSignedNote', () => {
  it('writes back a parsed checkpoint byte for byte', () => {
    const original = checkpoint('staging-rekor-v2-log2025-alpha3.txt');
    const cp = parseCheckpoint(original);
    expect(formatSignedNote(formatCheckpointNote(cp), cp.signatures)).toBe(original);
  });
});
