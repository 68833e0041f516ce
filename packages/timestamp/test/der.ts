/** A tiny DER writer for building test structures by hand. */
import { encodeOid } from '@keyless/core';

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const value = concat(parts);
  const length = value.length;
  let header: number[];
  if (length < 0x80) {
    header = [tag, length];
  } else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return concat([Uint8Array.from(header), value]);
}

export const seq = (...parts: Uint8Array[]) => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => tlv(0x31, ...parts);
export const oid = (dotted: string) => tlv(0x06, encodeOid(dotted));
export const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
export const nul = () => tlv(0x05);
export const bool = (value: boolean) => tlv(0x01, Uint8Array.of(value ? 0xff : 0));
export const generalizedTime = (text: string) => tlv(0x18, Buffer.from(text, 'latin1'));
/** `[n]` context tag; constructed unless `primitive`. */
export const ctx = (n: number, ...parts: Uint8Array[]) => tlv(0xa0 | n, ...parts);
export const ctxPrimitive = (n: number, bytes: Uint8Array) => tlv(0x80 | n, bytes);

/** A minimal two's-complement INTEGER. */
export function int(value: bigint | number): Uint8Array {
  let n = BigInt(value);
  const bytes: number[] = [];
  if (n === 0n) bytes.push(0);
  while (n !== 0n && n !== -1n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  if (value >= 0 && bytes[0]! & 0x80) bytes.unshift(0);
  if (value < 0 && (bytes.length === 0 || !(bytes[0]! & 0x80))) bytes.unshift(0xff);
  return tlv(0x02, Uint8Array.from(bytes));
}

/** An AlgorithmIdentifier with NULL parameters, or the given ones. */
export function algorithm(dotted: string, parameters: Uint8Array | null = nul()): Uint8Array {
  return parameters ? seq(oid(dotted), parameters) : seq(oid(dotted));
}

/** SET OF in DER order (encodings sorted). */
export function setOf(items: Uint8Array[]): Uint8Array {
  return set(...[...items].sort((a, b) => Buffer.compare(a, b)));
}
