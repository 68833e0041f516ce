import { CoreError } from '../errors/keyless-error.js';

/** Universal and common context tags (first identifier octet). */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Tag byte of a context-specific `[n]` field; constructed for EXPLICIT and structured fields. */
export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/** One DER TLV. `raw` is the whole encoding, `value` the contents; both are views, not copies. */
export interface DerElement {
  tag: number;
  raw: Uint8Array;
  value: Uint8Array;
}

function fail(message: string): never {
  throw new CoreError('ERR_ASN1_PARSE', `malformed DER: ${message}`);
}

/** Reads the TLV that starts at `offset` in `bytes`. Indefinite lengths and multi-byte tags are refused. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > bytes.length) fail('truncated header');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) fail('multi-byte tags are not supported');
  let length = bytes[offset + 1]!;
  let headerLength = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) fail('indefinite length');
    if (count > 4) fail('length too large');
    if (offset + 2 + count > bytes.length) fail('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    headerLength += count;
  }
  const start = offset + headerLength;
  const end = start + length;
  if (end > bytes.length) fail('content runs past the end of the input');
  return { tag, raw: bytes.subarray(offset, end), value: bytes.subarray(start, end) };
}

/** Parses `bytes` as exactly one TLV (no trailing data). */
export function parseDer(bytes: Uint8Array): DerElement {
  const element = readElement(bytes, 0);
  if (element.raw.length !== bytes.length) fail('trailing data after the outer element');
  return element;
}

/** The TLVs inside a constructed element, in order. */
export function children(element: DerElement): DerElement[] {
  const out: DerElement[] = [];
  const { value } = element;
  let offset = 0;
  while (offset < value.length) {
    const child = readElement(value, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/**
 * Sequential reader over the children of a constructed element, for walking ASN.1 structures
 * field by field, with OPTIONAL fields handled by `optional(tag)`.
 */
export class DerReader {
  private offset = 0;
  private readonly value: Uint8Array;

  constructor(
    parent: DerElement,
    private readonly what = 'structure',
  ) {
    this.value = parent.value;
  }

  get done(): boolean {
    return this.offset >= this.value.length;
  }

  peekTag(): number | undefined {
    return this.done ? undefined : this.value[this.offset];
  }

  /** The next element; with `tag`, it must carry that tag. */
  next(tag?: number): DerElement {
    if (this.done) fail(`${this.what} ends early`);
    const element = readElement(this.value, this.offset);
    if (tag !== undefined && element.tag !== tag) {
      fail(`${this.what}: expected tag 0x${tag.toString(16)}, found 0x${element.tag.toString(16)}`);
    }
    this.offset += element.raw.length;
    return element;
  }

  /** The next element if it carries `tag`, else `undefined` (nothing consumed). */
  optional(tag: number): DerElement | undefined {
    return this.peekTag() === tag ? this.next(tag) : undefined;
  }

  /** Requires that no element is left. */
  end(): void {
    if (!this.done) fail(`${this.what} has unexpected trailing fields`);
  }
}

// Past this, `n * 128 + 127` would leave the safe-integer range; longer arcs (UUID OIDs under
// 2.25) continue as bigints so they are never silently rounded.
const SAFE_ARC_PREFIX = Math.floor((Number.MAX_SAFE_INTEGER - 127) / 128);

/** Dotted-decimal form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) fail('empty OID');
  const parts: (number | bigint)[] = [];
  let n = 0;
  let big: bigint | undefined;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i]!;
    if (big !== undefined) big = big * 128n + BigInt(byte & 0x7f);
    else if (n > SAFE_ARC_PREFIX) big = BigInt(n) * 128n + BigInt(byte & 0x7f);
    else n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      const arc = big ?? n;
      if (parts.length === 0) {
        // The first sub-identifier packs two arcs: 40 * first + second, with first at most 2.
        if (typeof arc === 'bigint') parts.push(2, arc - 80n);
        else {
          const first = arc < 80 ? Math.floor(arc / 40) : 2;
          parts.push(first, arc - first * 40);
        }
      } else {
        parts.push(arc);
      }
      n = 0;
      big = undefined;
    } else if (i === value.length - 1) {
      fail('OID ends inside a sub-identifier');
    }
  }
  return parts.join('.');
}

const DOTTED_OID = /^[0-2](?:\.(?:0|[1-9]\d*))+$/;

/** DER contents of a dotted OID (for building structures and for fast comparison). */
export function encodeOid(oid: string): Uint8Array {
  if (!DOTTED_OID.test(oid)) throw new CoreError('ERR_ASN1_PARSE', `not a dotted OID: "${oid.slice(0, 80)}"`);
  const arcs = oid.split('.').map((arc) => BigInt(arc));
  if (arcs[0]! < 2n && arcs[1]! >= 40n) {
    throw new CoreError('ERR_ASN1_PARSE', `OID ${oid}: the second arc must be below 40 under arc 0 or 1`);
  }
  const bytes: number[] = [];
  const pushArc = (arc: bigint) => {
    const stack = [Number(arc & 0x7fn)];
    let rest = arc >> 7n;
    while (rest > 0n) {
      stack.unshift(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    bytes.push(...stack);
  };
  pushArc(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) pushArc(arc);
  return Uint8Array.from(bytes);
}

/** An INTEGER's contents as a bigint (two's complement). */
export function decodeInteger(value: Uint8Array): bigint {
  if (value.length === 0) fail('empty INTEGER');
  let n = 0n;
  for (const byte of value) n = (n << 8n) | BigInt(byte);
  if (value[0]! & 0x80) n -= 1n << BigInt(value.length * 8);
  return n;
}

/** An INTEGER's contents as a number; fails when it does not fit a safe integer. */
export function decodeSmallInteger(value: Uint8Array): number {
  const n = decodeInteger(value);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) fail('INTEGER too large');
  return Number(n);
}

/** A BOOLEAN's contents. */
export function decodeBoolean(value: Uint8Array): boolean {
  if (value.length !== 1) fail('BOOLEAN must be one byte');
  return value[0] !== 0;
}

/** A BIT STRING's bits, with the leading unused-bits octet dropped. */
export function decodeBitString(value: Uint8Array): Uint8Array {
  if (value.length === 0) fail('empty BIT STRING');
  return value.subarray(1);
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

/** Text of a string element (UTF8String, PrintableString, IA5String, ...). */
export function decodeString(element: DerElement): string {
  if (element.tag === Tag.BMP_STRING) {
    let s = '';
    for (let i = 0; i + 1 < element.value.length; i += 2) {
      s += String.fromCharCode((element.value[i]! << 8) | element.value[i + 1]!);
    }
    return s;
  }
  return textDecoder.decode(element.value);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The date in `fields` (groups 2-6: month, day, hour, minute, second), refusing out-of-range
 * values instead of letting `Date` roll them over into another day.
 */
function utcDate(text: string, year: number, fields: RegExpExecArray, ms: number): Date {
  const [month, day, hour, minute, second] = [2, 3, 4, 5, 6].map((i) => Number(fields[i])) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) {
    fail(`bad time "${text}"`);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date;
}

/** A UTCTime or GeneralizedTime element as a Date. */
export function decodeTime(element: DerElement): Date {
  const text = Buffer.from(element.value).toString('latin1');
  if (element.tag === Tag.UTC_TIME) {
    const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!match) fail(`bad UTCTime "${text}"`);
    const yy = Number(match[1]);
    // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
    return utcDate(text, yy >= 50 ? 1900 + yy : 2000 + yy, match, 0);
  }
  if (element.tag === Tag.GENERALIZED_TIME) {
    const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(text);
    if (!match) fail(`bad GeneralizedTime "${text}"`);
    const ms = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
    return utcDate(text, Number(match[1]), match, ms);
  }
  return fail(`expected a time, found tag 0x${element.tag.toString(16)}`);
}
