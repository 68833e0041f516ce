import { X509Certificate } from '@keyless/core';

/** `cert` re-parsed after `mutate` changed a copy of its DER. */
export function tampered(cert: X509Certificate, mutate: (der: Uint8Array) => void): X509Certificate {
  const der = Uint8Array.from(cert.der);
  mutate(der);
  return X509Certificate.parse(der);
}

/** Byte offset of `part` (a view into `whole`'s buffer) within `whole`. */
export function offsetIn(whole: Uint8Array, part: Uint8Array): number {
  return part.byteOffset - whole.byteOffset;
}
