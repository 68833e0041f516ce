import { randomBytes } from 'node:crypto';

/**
 * A fresh 127-bit serial number as 16 big-endian octets, positive and with no leading zero
 * octet: unique in practice without any counter to persist (RFC 3161 §2.4.2, RFC 5280 §4.1.2.2).
 */
export function randomSerial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}
