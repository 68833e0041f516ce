import { describe, expect, it } from 'vitest';
import { decodeBase64Strict, encodeBase64 } from './base64.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('decodeBase64Strict', () => {
  it('decodes standard padded base64', () => {
    expect(decodeBase64Strict('AQID')).toEqual(Buffer.from([1, 2, 3]));
    expect(decodeBase64Strict('AQ==')).toEqual(Buffer.from([1]));
    expect(decodeBase64Strict('AQI=')).toEqual(Buffer.from([1, 2]));
    expect(decodeBase64Strict('')).toEqual(Buffer.alloc(0));
  });

  it('decodes unpadded and URL-safe base64, as the protobuf JSON mapping allows', () => {
    expect(decodeBase64Strict('AQ')).toEqual(Buffer.from([1]));
    expect(decodeBase64Strict('-_8')).toEqual(Buffer.from([0xfb, 0xff]));
    expect(decodeBase64Strict('-_8=')).toEqual(Buffer.from([0xfb, 0xff]));
    expect(decodeBase64Strict('+/8=')).toEqual(Buffer.from([0xfb, 0xff]));
  });

  it('rejects characters outside the alphabet instead of skipping them', () => {
    for (const text of ['AQ!D', 'AQ ID', 'AQ\nID', 'AQID\u0000', '\u00e9AAA', 'AQ.D']) {
      expect(decodeBase64Strict(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('rejects misplaced or excess padding', () => {
    for (const text of ['A=QI', 'AQ=', 'AQ===', '=', 'AQID=', 'A===']) {
      expect(decodeBase64Strict(text), text).toBeUndefined();
    }
  });

  it('rejects a length no base64 encoding can have', () => {
    expect(decodeBase64Strict('A')).toBeUndefined();
    expect(decodeBase64Strict('AQIDB')).toBeUndefined();
  });

  it('rejects a mix of the standard and URL-safe alphabets', () => {
    expect(decodeBase64Strict('+_8=')).toBeUndefined();
    expect(decodeBase64Strict('ab/-')).toBeUndefined();
  });
});

describe('encodeBase64', () => {
  it('writes standard padded base64', () => {
    expect(encodeBase64(bytes(0xfb, 0xff))).toBe('+/8=');
    expect(encodeBase64(bytes())).toBe('');
  });

  it('encodes only the view, not the whole underlying buffer', () => {
    const whole = bytes(9, 1, 2, 3, 9);
    expect(encodeBase64(whole.subarray(1, 4))).toBe('AQID');
  });

  it('round-trips through decodeBase64Strict', () => {
    const data = Uint8Array.from({ length: 257 }, (_, i) => (i * 37) & 0xff);
    expect(decodeBase64Strict(encodeBase64(data))).toEqual(Buffer.from(data));
  });
});
