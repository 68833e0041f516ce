import { X509Certificate as NodeCertificate } from 'node:crypto';
import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { decodePem, decodePemBlocks, encodePem } from './pem.js';

const CHAIN = readRealdata('fulcio/chains/production-intermediate-and-root.pem').toString('utf8');
const REKOR_KEY = readRealdata('rekor/keys/rekor-production.pub').toString('utf8');

describe('decodePemBlocks', () => {
  it('reads every block of a real certificate chain, in order', () => {
    const blocks = decodePemBlocks(CHAIN);
    expect(blocks.map((b) => b.label)).toEqual(['CERTIFICATE', 'CERTIFICATE']);
    expect(new NodeCertificate(Buffer.from(blocks[0]!.der)).subject).toContain('sigstore-intermediate');
    expect(new NodeCertificate(Buffer.from(blocks[1]!.der)).subject).toContain('CN=sigstore');
  });

  it('ignores text around blocks and finds none in text without any', () => {
    expect(decodePemBlocks(`comment\n${REKOR_KEY}\ntrailer`)).toHaveLength(1);
    expect(decodePemBlocks('no pem here')).toEqual([]);
  });

  it('refuses a block whose body is not base64', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n';
    expect(() => decodePemBlocks(broken)).toThrow(CoreError);
    expect(() => decodePemBlocks(broken)).toThrow('PEM "CERTIFICATE" block is not valid base64');
  });

  it('refuses a body in the URL-safe alphabet', () => {
    expect(() => decodePemBlocks('-----BEGIN X-----\nAB-_\n-----END X-----')).toThrow(CoreError);
  });

  it('does not pair a BEGIN with an END of another label', () => {
    expect(decodePemBlocks('-----BEGIN CERTIFICATE-----\nAQID\n-----END PUBLIC KEY-----')).toEqual([]);
  });
});

describe('decodePem', () => {
  it('returns the DER of the block with the label', () => {
    const der = decodePem(REKOR_KEY, 'PUBLIC KEY');
    expect(der[0]).toBe(0x30);
    expect(der.length).toBe(91);
  });

  it('throws ERR_ASN1_PARSE when there is no block with the label', () => {
    try {
      decodePem(REKOR_KEY, 'CERTIFICATE');
      expect.unreachable();
    } catch (error) {
      expect((error as CoreError).code).toBe('ERR_ASN1_PARSE');
      expect((error as CoreError).message).toBe('expected a PEM "CERTIFICATE" block');
    }
  });
});

describe('encodePem', () => {
  it('wraps base64 at 64 columns between BEGIN and END lines', () => {
    const der = decodePemBlocks(CHAIN)[0]!.der;
    const pem = encodePem('CERTIFICATE', der);
    const lines = pem.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[lines.length - 1]).toBe('-----END CERTIFICATE-----');
    expect(lines.slice(1, -1).every((line) => line.length <= 64)).toBe(true);
    expect(lines.slice(1, -2).every((line) => line.length === 64)).toBe(true);
  });

  it('round-trips through decodePem', () => {
    const der = decodePem(REKOR_KEY, 'PUBLIC KEY');
    expect(decodePem(encodePem('PUBLIC KEY', der), 'PUBLIC KEY')).toEqual(der);
    expect(encodePem('PUBLIC KEY', der)).toBe(REKOR_KEY.replace(/\r\n/g, '\n').trimEnd() + '\n');
  });
});
