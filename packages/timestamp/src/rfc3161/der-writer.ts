/**
 * A small DER writer: just the universal types RFC 3161 and RFC 5652 structures are made of.
 * Every function returns a complete TLV, so structures read like their ASN.1 definitions.
 */
import { encodeOid, Tag } from '@keyless/core';

function header(tag: number, length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(tag, length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}

/** A TLV with `tag` whose value is `parts` concatenated. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = Buffer.concat([header(tag, length), ...parts]);
  // A plain Uint8Array view (no copy), so encodings compare equal to decoded bytes.
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(Tag.SEQUENCE, ...parts);
export const set = (...parts: Uint8Array[]): Uint8Array => tlv(Tag.SET, ...parts);
export const oid = (dotted: string): Uint8Array => tlv(Tag.OID, encodeOid(dotted));
export const octets = (bytes: Uint8Array): Uint8Array => tlv(Tag.OCTET_STRING, bytes);
export const nul = (): Uint8Array => tlv(Tag.NULL);
export const bool = (value: boolean): Uint8Array => tlv(Tag.BOOLEAN, Uint8Array.of(value ? 0xff : 0));
/** `[n]` context tag, constructed (EXPLICIT, or IMPLICIT over a constructed type). */
export const ctx = (n: number, ...parts: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...parts);
/** `[n]` context tag over primitive contents (IMPLICIT over a primitive type). */
export const ctxPrimitive = (n: number, bytes: Uint8Array): Uint8Array => tlv(0x80 | n, bytes);

/** A minimal two's-complement INTEGER. */
export function int(value: bigint | number): Uint8Array {
  const n = BigInt(value);
  const bytes: number[] = [];
  let rest = n;
  do {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  } while (rest !== 0n && rest !== -1n);
  // The sign bit of the first octet must agree with the value's sign.
  if (n >= 0n && bytes[0]! & 0x80) bytes.unshift(0);
  if (n < 0n && !(bytes[0]! & 0x80)) bytes.unshift(0xff);
  return tlv(Tag.INTEGER, Uint8Array.from(bytes));
}

/** A BIT STRING of whole `bytes` with `unusedBits` trailing bits to ignore. */
export function bitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  return tlv(Tag.BIT_STRING, Uint8Array.of(unusedBits), bytes);
}

/**
 * A DER named-bit-list BIT STRING (X.680 §22.7) with the numbered bits set: trailing zero bits
 * are dropped, so the encoding ends at the highest set bit.
 */
export function namedBits(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return bitString(new Uint8Array(0));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array((highest >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return bitString(bytes, 7 - (highest & 7));
}

/** An AlgorithmIdentifier; SHA-2 and ECDSA identifiers take no parameters (RFC 5754, RFC 5758). */
export function algorithm(dotted: string, parameters?: Uint8Array): Uint8Array {
  return parameters ? seq(oid(dotted), parameters) : seq(oid(dotted));
}

/** SET OF in DER order: the encodings sorted as octet strings. */
export function setOf(items: readonly Uint8Array[]): Uint8Array {
  return set(...[...items].sort((a, b) => Buffer.compare(a, b)));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A GeneralizedTime `YYYYMMDDHHMMSS[.fff]Z` in the DER form RFC 3161 §2.4.2 asks for: UTC,
 * the fraction without trailing zeros, and none at all for a whole second.
 */
export function generalizedTime(date: Date): Uint8Array {
  const millis = date.getUTCMilliseconds();
  const fraction = millis === 0 ? '' : `.${pad(millis, 3).replace(/0+$/, '')}`;
  const text =
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    fraction +
    'Z';
  return tlv(Tag.GENERALIZED_TIME, Buffer.from(text, 'latin1'));
}

/** A UTCTime `YYMMDDHHMMSSZ`, for times from 1950 to 2049 (RFC 5652 §11.3 signingTime). */
export function utcTime(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`UTCTime cannot hold the year ${year}`);
  const text =
    pad(year % 100, 2) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z';
  return tlv(Tag.UTC_TIME, Buffer.from(text, 'latin1'));
}
