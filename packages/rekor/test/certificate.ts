import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { encodeOid } from '@keyless/core';

/**
 * Test-only X.509: a minimal DER encoder and a self-signed leaf certificate with an email SAN, so
 * log tests can sign as a certificate holder without a certificate library.
 */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.of(0x80 | bytes.length, ...bytes);
}

function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.of(tag), length(body.length), body]);
}

const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
const oid = (dotted: string) => tlv(0x06, encodeOid(dotted));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const utcTime = (date: Date) =>
  tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'));

function name(commonName: string): Buffer {
  return seq(tlv(0x31, seq(oid('2.5.4.3'), utf8(commonName))));
}

export interface TestSigner {
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** DER self-signed certificate for `email` over the same key. */
  certificate: Uint8Array;
  email: string;
}

/** A fresh P-256 key with a self-signed certificate naming `email`. */
export function testSigner(email = 'signer@example.com'): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const now = Date.now();
  const san = seq(oid('2.5.29.17'), tlv(0x04, seq(tlv(0x81, Buffer.from(email, 'ascii')))));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.of(2))),
    tlv(0x02, Buffer.of(0x01, 0x23)),
    seq(oid('1.2.840.10045.4.3.2')),
    name('keyless test'),
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 3_600_000))),
    name('keyless test'),
    spki,
    tlv(0xa3, seq(san)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = seq(tbs, seq(oid('1.2.840.10045.4.3.2')), tlv(0x03, Buffer.of(0), signature));
  return { privateKey, spki, certificate, email };
}
