import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import {
  children,
  contextTag,
  DerReader,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeOid,
  decodeSmallInteger,
  decodeString,
  decodeTime,
  encodeOid,
  parseDer,
  readElement,
  Tag,
} from './der.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

function asn1Error(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('ERR_ASN1_PARSE');
    return (error as CoreError).message;
  }
  throw new Error('expected an ERR_ASN1_PARSE error');
}

describe('readElement', () => {
  it('reads a short-form TLV as views into the input', () => {
    const bytes = hex('02 01 05 ff');
    const element = readElement(bytes);
    expect(element.tag).toBe(Tag.INTEGER);
    expect(element.raw).toEqual(hex('020105'));
    expect(element.value).toEqual(hex('05'));
    expect(element.value.buffer).toBe(bytes.buffer);
  });

  it('reads long-form lengths', () => {
    const value = new Uint8Array(300).fill(7);
    const bytes = Uint8Array.from([0x04, 0x82, 0x01, 0x2c, ...value]);
    const element = readElement(bytes);
    expect(element.value).toHaveLength(300);
    expect(element.raw).toHaveLength(304);
    expect(readElement(Uint8Array.from([0x04, 0x81, 0x80, ...new Uint8Array(128)])).value).toHaveLength(128);
  });

  it('reads at an offset', () => {
    expect(readElement(hex('05 00 01 01 ff'), 2).tag).toBe(Tag.BOOLEAN);
  });

  it('refuses an indefinite length', () => {
    expect(asn1Error(() => readElement(hex('30 80 02 01 01 00 00')))).toBe(
      'malformed DER: indefinite length',
    );
  });

  it('refuses truncated headers, lengths and contents', () => {
    expect(asn1Error(() => readElement(hex('30')))).toBe('malformed DER: truncated header');
    expect(asn1Error(() => readElement(hex('04 82 01')))).toBe('malformed DER: truncated length');
    expect(asn1Error(() => readElement(hex('04 05 01 02')))).toBe(
      'malformed DER: content runs past the end of the input',
    );
  });

  it('refuses lengths of more than four octets and multi-byte tags', () => {
    expect(asn1Error(() => readElement(hex('04 85 00 00 00 00 01 00')))).toBe(
      'malformed DER: length too large',
    );
    expect(asn1Error(() => readElement(hex('1f 81 00 00')))).toBe(
      'malformed DER: multi-byte tags are not supported',
    );
  });
});

describe('parseDer and children', () => {
  it('refuses trailing data after the outer element', () => {
    expect(asn1Error(() => parseDer(hex('05 00 00')))).toBe(
      'malformed DER: trailing data after the outer element',
    );
  });

  it('lists the children of a constructed element in order', () => {
    const sequence = parseDer(hex('30 06 02 01 01 01 01 ff'));
    expect(children(sequence).map((c) => c.tag)).toEqual([Tag.INTEGER, Tag.BOOLEAN]);
    expect(children(parseDer(hex('30 00')))).toEqual([]);
  });

  it('refuses a child that runs past its parent', () => {
    expect(asn1Error(() => children(parseDer(hex('30 03 02 05 01'))))).toMatch(/runs past the end/);
  });
});

describe('DerReader', () => {
  const sequence = parseDer(hex('30 08 02 01 01 a0 03 01 01 00'));

  it('walks fields in order, with optional fields by tag', () => {
    const reader = new DerReader(sequence, 'Thing');
    expect(reader.peekTag()).toBe(Tag.INTEGER);
    expect(reader.optional(Tag.BOOLEAN)).toBeUndefined();
    expect(decodeSmallInteger(reader.next(Tag.INTEGER).value)).toBe(1);
    const explicit = reader.optional(contextTag(0, true));
    expect(explicit && decodeBoolean(new DerReader(explicit).next(Tag.BOOLEAN).value)).toBe(false);
    expect(reader.done).toBe(true);
    expect(reader.peekTag()).toBeUndefined();
    reader.end();
  });

  it('names the structure when a field has the wrong tag or is missing', () => {
    expect(asn1Error(() => new DerReader(sequence, 'Thing').next(Tag.OID))).toBe(
      'malformed DER: Thing: expected tag 0x6, found 0x2',
    );
    const reader = new DerReader(parseDer(hex('30 00')), 'Empty');
    expect(asn1Error(() => reader.next())).toBe('malformed DER: Empty ends early');
  });

  it('refuses unexpected trailing fields at the end', () => {
    const reader = new DerReader(sequence, 'Thing');
    reader.next();
    expect(asn1Error(() => reader.end())).toBe('malformed DER: Thing has unexpected trailing fields');
  });
});

describe('contextTag', () => {
  it('builds context-specific tags', () => {
    expect(contextTag(0, true)).toBe(0xa0);
    expect(contextTag(3, true)).toBe(0xa3);
    expect(contextTag(1, false)).toBe(0x81);
    expect(contextTag(6, false)).toBe(0x86);
  });
});

describe('OIDs', () => {
  it('decodes known OIDs', () => {
    expect(decodeOid(hex('2a 86 48 86 f7 0d 01 01 0b'))).toBe('1.2.840.113549.1.1.11');
    expect(decodeOid(hex('2a 86 48 ce 3d 04 03 02'))).toBe('1.2.840.10045.4.3.2');
    expect(decodeOid(hex('55 1d 11'))).toBe('2.5.29.17');
    expect(decodeOid(hex('2b 06 01 04 01 83 bf 30 01 01'))).toBe('1.3.6.1.4.1.57264.1.1');
  });

  it('encodes what it decodes, for small, large and 2.x arcs', () => {
    for (const oid of [
      '1.2.840.113549.1.1.11',
      '2.5.29.37',
      '0.9.2342.19200300.100.1.1',
      '1.3.6.1.4.1.57264.1.8',
      '2.999.1',
      '2.25.329800735698586629295641978511506172918',
      '1.2.9007199254740993',
    ]) {
      expect(decodeOid(encodeOid(oid))).toBe(oid);
    }
  });

  it('encodes to the DER contents', () => {
    expect(encodeOid('1.2.840.10045.4.3.2')).toEqual(hex('2a 86 48 ce 3d 04 03 02'));
    expect(encodeOid('2.999.3')).toEqual(hex('88 37 03'));
  });

  it('refuses text that is not a dotted OID', () => {
    for (const text of ['', '1', '3.1', '1.2.x', '1..2', '1.02', '1.40', '0.45.1']) {
      asn1Error(() => encodeOid(text));
    }
  });

  it('refuses an OID that is empty or ends inside a sub-identifier', () => {
    expect(asn1Error(() => decodeOid(new Uint8Array(0)))).toBe('malformed DER: empty OID');
    expect(asn1Error(() => decodeOid(hex('2a 86')))).toBe('malformed DER: OID ends inside a sub-identifier');
  });
});

describe('INTEGER, BOOLEAN, BIT STRING', () => {
  it('decodes integers as two’s complement', () => {
    expect(decodeInteger(hex('00 ff'))).toBe(255n);
    expect(decodeInteger(hex('ff'))).toBe(-1n);
    expect(decodeInteger(hex('80 00'))).toBe(-32768n);
    expect(decodeInteger(hex('01 00 00 00 00 00 00 00 00'))).toBe(2n ** 64n);
    asn1Error(() => decodeInteger(new Uint8Array(0)));
  });

  it('refuses integers beyond the safe range as small integers', () => {
    expect(decodeSmallInteger(hex('1f ff ff ff ff ff ff'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(asn1Error(() => decodeSmallInteger(hex('20 00 00 00 00 00 00')))).toBe(
      'malformed DER: INTEGER too large',
    );
  });

  it('decodes booleans of exactly one byte', () => {
    expect(decodeBoolean(hex('ff'))).toBe(true);
    expect(decodeBoolean(hex('00'))).toBe(false);
    asn1Error(() => decodeBoolean(hex('00 00')));
  });

  it('drops the unused-bits octet of a bit string', () => {
    expect(decodeBitString(hex('07 80'))).toEqual(hex('80'));
    asn1Error(() => decodeBitString(new Uint8Array(0)));
  });
});

describe('decodeString', () => {
  it('decodes UTF8String, PrintableString and IA5String as UTF-8', () => {
    expect(decodeString(parseDer(hex('0c 03 e2 82 ac')))).toBe('\u20ac');
    expect(decodeString(parseDer(Uint8Array.from([0x13, 2, ...Buffer.from('US')])))).toBe('US');
    expect(decodeString(parseDer(Uint8Array.from([0x16, 3, ...Buffer.from('a@b')])))).toBe('a@b');
  });

  it('decodes BMPString as UTF-16BE', () => {
    expect(decodeString(parseDer(hex('1e 04 00 48 00 69')))).toBe('Hi');
  });
});

describe('decodeTime', () => {
  const utc = (text: string) => Uint8Array.from([Tag.UTC_TIME, text.length, ...Buffer.from(text, 'latin1')]);
  const generalized = (text: string) =>
    Uint8Array.from([Tag.GENERALIZED_TIME, text.length, ...Buffer.from(text, 'latin1')]);

  it('reads UTCTime with the RFC 5280 century rule', () => {
    expect(decodeTime(parseDer(utc('230712155635Z'))).toISOString()).toBe('2023-07-12T15:56:35.000Z');
    expect(decodeTime(parseDer(utc('491231235959Z'))).getUTCFullYear()).toBe(2049);
    expect(decodeTime(parseDer(utc('500101000000Z'))).getUTCFullYear()).toBe(1950);
  });

  it('reads GeneralizedTime, with fractional seconds', () => {
    expect(decodeTime(parseDer(generalized('20500101000000Z'))).toISOString()).toBe(
      '2050-01-01T00:00:00.000Z',
    );
    expect(decodeTime(parseDer(generalized('20250612120220.123Z'))).toISOString()).toBe(
      '2025-06-12T12:02:20.123Z',
    );
  });

  it('refuses malformed and impossible times', () => {
    expect(asn1Error(() => decodeTime(parseDer(utc('2307121556Z'))))).toBe(
      'malformed DER: bad UTCTime "2307121556Z"',
    );
    asn1Error(() => decodeTime(parseDer(utc('231312000000Z'))));
    asn1Error(() => decodeTime(parseDer(utc('230230000000Z'))));
    asn1Error(() => decodeTime(parseDer(generalized('20230101250000Z'))));
    asn1Error(() => decodeTime(parseDer(generalized('20230101000000+0100'))));
  });

  it('refuses an element that is not a time', () => {
    expect(asn1Error(() => decodeTime(parseDer(hex('02 01 01'))))).toBe(
      'malformed DER: expected a time, found tag 0x2',
    );
  });
});
