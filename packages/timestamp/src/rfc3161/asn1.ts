import { type DerElement, DerReader, decodeOid, KeylessError, Tag } from '@keyless/core';
import { TimestampError } from '../errors.js';
import type { AlgorithmIdentifier } from './types.js';

/** Throws the parser's one error. */
export function malformed(message: string, cause?: unknown): never {
  throw new TimestampError('ERR_TIMESTAMP_MALFORMED', `malformed timestamp: ${message}`, { cause });
}

/** Runs a decoder, reporting every DER or certificate failure as `ERR_TIMESTAMP_MALFORMED`. */
export function decoding<T>(decode: () => T): T {
  try {
    return decode();
  } catch (cause) {
    if (cause instanceof KeylessError && cause.code.startsWith('ERR_TIMESTAMP_')) throw cause;
    return malformed(cause instanceof Error ? cause.message : String(cause), cause);
  }
}

/** Requires `element` to carry `tag`. */
export function expectTag(element: DerElement, tag: number, what: string): DerElement {
  if (element.tag !== tag) {
    malformed(`${what}: expected tag 0x${tag.toString(16)}, found 0x${element.tag.toString(16)}`);
  }
  return element;
}

/** Decodes an `AlgorithmIdentifier` SEQUENCE. */
export function decodeAlgorithmIdentifier(element: DerElement, what: string): AlgorithmIdentifier {
  expectTag(element, Tag.SEQUENCE, what);
  const reader = new DerReader(element, what);
  const algorithm = decodeOid(reader.next(Tag.OID).value);
  if (reader.done) return { algorithm };
  const parameters = reader.next().raw;
  reader.end();
  return { algorithm, parameters };
}

const ZERO = 0x30;
const DOT = 0x2e;
const Z = 0x5a;

function digits(value: Uint8Array, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value[i]! - ZERO;
    if (d < 0 || d > 9) malformed('GeneralizedTime has a non-digit where a digit belongs');
    n = n * 10 + d;
  }
  return n;
}

/**
 * Decodes a DER GeneralizedTime `YYYYMMDDHHMMSS[.f+]Z` (RFC 3161 §2.4.2 form). Fractions finer
 * than a millisecond are dropped, since a Date holds no more.
 */
export function decodeGeneralizedTime(element: DerElement): Date {
  expectTag(element, Tag.GENERALIZED_TIME, 'genTime');
  const { value } = element;
  if (value.length < 15 || value[value.length - 1] !== Z) malformed('genTime must be a UTC GeneralizedTime');
  const year = digits(value, 0, 4);
  const month = digits(value, 4, 2);
  const day = digits(value, 6, 2);
  const hour = digits(value, 8, 2);
  const minute = digits(value, 10, 2);
  const second = digits(value, 12, 2);
  let millis = 0;
  if (value.length > 15) {
    if (value[14] !== DOT || value.length < 17) malformed('genTime has a malformed fraction of a second');
    const fraction = value.length - 16;
    const kept = Math.min(fraction, 3);
    millis = digits(value, 15, kept) * 10 ** (3 - kept);
    if (fraction > 3) digits(value, 18, fraction - 3);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    malformed('genTime is not a valid date');
  }
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (date.getUTCDate() !== day) malformed('genTime is not a valid date');
  return date;
}
