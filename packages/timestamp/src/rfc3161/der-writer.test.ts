import { decodeInteger, parseDer } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { generalizedTime, int, namedBits, octets, utcTime } from './der-writer.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('int', () => {
  it.each([
    [0n, '020100'],
    [127n, '02017f'],
    [128n, '02020080'],
    [256n, '02020100'],
    [-1n, '0201ff'],
    [-128n, '020180'],
    [-129n, '0202ff7f'],
  ])('encodes %s minimally', (value, expected) => {
    expect(hex(int(value))).toBe(expected);
  });

  it('round-trips large values through the DER reader', () => {
    for (const value of [2n ** 64n - 1n, -(2n ** 70n), 0x1234_5678_9abc_def0_1234n]) {
      expect(decodeInteger(parseDer(int(value)).value)).toBe(value);
    }
  });
});

describe('lengths', () => {
  it('uses the long form past 127 bytes', () => {
    const encoded = octets(new Uint8Array(300));
    expect(hex(encoded.subarray(0, 4))).toBe('0482012c');
    expect(parseDer(encoded).value).toHaveLength(300);
  });
});

describe('namedBits', () => {
  it('ends at the highest set bit', () => {
    expect(hex(namedBits([0]))).toBe('03020780');
    expect(hex(namedBits([15]))).toBe('0303000001');
  });

  it('encodes bit 25 (systemFailure) with six unused bits', () => {
    expect(hex(namedBits([25]))).toBe('03050600000040');
  });
});

describe('generalizedTime', () => {
  it('drops the fraction of a whole second', () => {
    expect(Buffer.from(parseDer(generalizedTime(new Date('2026-01-02T03:04:05Z'))).value).toString()).toBe(
      '20260102030405Z',
    );
  });

  it('writes milliseconds without trailing zeros', () => {
    const text = (iso: string) => Buffer.from(parseDer(generalizedTime(new Date(iso))).value).toString();
    expect(text('2026-01-02T03:04:05.120Z')).toBe('20260102030405.12Z');
    expect(text('2026-01-02T03:04:05.007Z')).toBe('20260102030405.007Z');
  });
});

describe('utcTime', () => {
  it('writes a two-digit year', () => {
    expect(Buffer.from(parseDer(utcTime(new Date('2049-12-31T23:59:59Z'))).value).toString()).toBe(
      '491231235959Z',
    );
  });

  it('refuses years UTCTime cannot hold', () => {
    expect(() => utcTime(new Date('2050-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});
