import { describe, expect, it } from 'vitest';
import type { OciError } from '../errors.js';
import { assertDigest, computeDigest, isDigest, parseDigest } from './digest.js';

const bytes = new TextEncoder().encode('{}');
const EMPTY_JSON = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

describe('digests', () => {
  it('computes the sha256 digest of content', () => {
    expect(computeDigest(bytes)).toBe(EMPTY_JSON);
  });

  it('parses sha256 and sha512 digests', () => {
    expect(parseDigest(EMPTY_JSON)).toEqual({ algorithm: 'sha256', hex: EMPTY_JSON.slice(7) });
    expect(isDigest(computeDigest(bytes, 'sha512'))).toBe(true);
  });

  it('refuses upper-case hex, other algorithms and wrong lengths', () => {
    expect(parseDigest(EMPTY_JSON.toUpperCase())).toBeUndefined();
    expect(parseDigest(`md5:${'a'.repeat(32)}`)).toBeUndefined();
    expect(parseDigest('sha256:abcd')).toBeUndefined();
  });

  it('accepts content that hashes to its digest', () => {
    expect(() => assertDigest(bytes, EMPTY_JSON, 'blob')).not.toThrow();
  });

  it('rejects content that does not, with ERR_DIGEST_MISMATCH', () => {
    const tampered = new TextEncoder().encode('{ }');
    try {
      assertDigest(tampered, EMPTY_JSON, 'blob x');
      expect.unreachable();
    } catch (error) {
      expect((error as OciError).code).toBe('ERR_DIGEST_MISMATCH');
      expect((error as OciError).message).toMatch(/^blob x: content hashes to sha256:/);
    }
  });
});
