import { encodeOid } from '@keyless/core';

/** Shortest DER length octets for `length`. */
export function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV built from a tag and contents (concatenated). */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  return Buffer.concat([Uint8Array.of(tag), derLength(body.length), body]);
}

export const seq = (...contents: Uint8Array[]) => tlv(0x30, ...contents);
export const oid = (dotted: string) => tlv(0x06, encodeOid(dotted));
export const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
export const octetString = (...contents: Uint8Array[]) => tlv(0x04, ...contents);

/** A TLS `opaque x<0..2^16-1>` vector. */
export function tlsVector16(...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  const out = Buffer.alloc(2 + body.length);
  out.writeUInt16BE(body.length, 0);
  out.set(body, 2);
  return out;
}
