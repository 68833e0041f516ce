import { Tag } from '@keyless/core';

/** DER length octets, shortest form (X.690 §10.1). */
function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One DER TLV with a single-byte tag. */
export function encodeTlv(tag: number, content: Uint8Array): Uint8Array {
  const length = encodeLength(content.length);
  const out = new Uint8Array(1 + length.length + content.length);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

/** A DER UTF8String, as Fulcio encodes its extensions from .8 on. */
export function encodeUtf8String(text: string): Uint8Array {
  return encodeTlv(Tag.UTF8_STRING, new TextEncoder().encode(text));
}

export function encodeOctetString(bytes: Uint8Array): Uint8Array {
  return encodeTlv(Tag.OCTET_STRING, bytes);
}
