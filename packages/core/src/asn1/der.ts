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

  constructor(parent: DerElement, private readonly what = 'structure') {
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

/** Dotted-decimal form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) fail('empty OID');
  const parts: number[] = [];
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i]!;
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) {
        const first = n < 80 ? Math.floor(n / 40) : 2;
        parts.push(first, n - first * 40);
      } else {
        parts.push(n);
      }
      n = 0;
    } else if (i === value.length - 1) {
      fail('OID ends inside a sub-identifier');
    }
  }
  return parts.join('.');
}

/** DER contents of a dotted OID (for building structures and for fast comparison). */
export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  const bytes: number[] = [];
  const pushArc = (arc: number) => {
    const stack = [arc & 0x7f];
    let rest = Math.floor(arc / 128);
    while (rest > 0) {
      stack.unshift((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    bytes.push(...stack);
  };
  pushArc(arcs[0]! * 40 + arcs[1]!);
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

/** A UTCTime or GeneralizedTime element as a Date. */
export function decodeTime(element: DerElement): Date {
  const text = Buffer.from(element.value).toString('latin1');
  let match: RegExpExecArray | null;
  if (element.tag === Tag.UTC_TIME) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!match) fail(`bad UTCTime "${text}"`);
    const yy = Number(match[1]);
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
  }
  if (element.tag === Tag.GENERALIZED_TIME) {
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(text);
    if (!match) fail(`bad GeneralizedTime "${text}"`);
    const ms = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
    return new Date(
      Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), ms),
    );
  }
  return fail(`expected a time, found tag 0x${element.tag.toString(16)}`);
}
