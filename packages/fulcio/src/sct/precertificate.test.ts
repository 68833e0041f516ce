import { children, decodeOid, OID, parseDer, toHex, type X509Certificate } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { octetString, oid, seq, tlv } from '../../test/der.js';
import { bundleLeaf, conformanceLeaf, pemLeaf } from '../../test/realdata.js';
import { createCa, createCtLog, issueLeaf, x509 } from '../../test/synthetic.js';
import { FulcioError } from '../errors.js';
import { precertificateTbs, precertificateTbsFromPoisoned } from './precertificate.js';

/** A generic parse-and-re-encode rebuild, to hold the byte-offset version against. */
function genericPrecertificate(tbs: Uint8Array): Uint8Array {
  const fields = children(parseDer(tbs)).map((field) => {
    if (field.tag !== 0xa3) return field.raw;
    const kept = children(children(field)[0]!)
      .filter((ext) => decodeOid(children(ext)[0]!.value) !== OID.ctPrecertificateScts)
      .map((ext) => ext.raw);
    return kept.length > 0 ? tlv(0xa3, seq(...kept)) : new Uint8Array(0);
  });
  return seq(...fields);
}

const sctExtension = (size: number) => seq(oid(OID.ctPrecertificateScts), octetString(new Uint8Array(size)));
const otherExtension = (size: number) => seq(oid('1.2.3.4'), octetString(new Uint8Array(size).fill(0xab)));
const handmadeTbs = (filler: number, ...extensions: Uint8Array[]) =>
  seq(
    tlv(0x02, Uint8Array.of(1)),
    octetString(new Uint8Array(filler).fill(0x11)),
    tlv(0xa3, seq(...extensions)),
  );

const REAL_LEAVES: [string, () => X509Certificate][] = [
  [
    'a 2026 GitHub Actions leaf',
    () => pemLeaf('fulcio/github-actions/salrashid123-go-bazel-release-2026-02-27.leaf.pem'),
  ],
  ['a legacy-extension leaf', () => pemLeaf('fulcio/github-actions/sigstore-java-cert-githuboidc.leaf.pem')],
  [
    'a staging OAuth leaf',
    () => pemLeaf('fulcio/github-oauth/staging-william-yossarian-2022-07-28.leaf.pem'),
  ],
  [
    'an RSA-4096 leaf',
    () => bundleLeaf('bundles/key-algorithms/PKIX_RSA_PKCS1V15_4096_SHA256.sigstore.json'),
  ],
  ['a leaf with SCT extensions', () => conformanceLeaf('bundle-with-sct-with-extensions')],
];

describe('precertificateTbs', () => {
  it.each(REAL_LEAVES)('matches a generic rebuild for %s', (_, load) => {
    const leaf = load();
    const precert = precertificateTbs(leaf.tbs);
    expect(toHex(precert)).toBe(toHex(genericPrecertificate(leaf.tbs)));
    expect(precert.length).toBeLessThan(leaf.tbs.length);
  });

  it.each([
    ['first', 0],
    ['in the middle', 1],
    ['last', 2],
  ])(
    'gives back what the CA issued before the SCT list was added (SCT extension %s)',
    async (_, position) => {
      const log = createCtLog();
      const { leaf, precert } = await issueLeaf(await createCa(), {
        extensions: [
          new x509.SubjectAlternativeNameExtension([{ type: 'email', value: 'signer@keyless.test' }], true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        ],
        scts: [{ log }],
        sctPosition: position,
      });
      expect(toHex(precertificateTbs(leaf.tbs))).toBe(toHex(precert.tbs));
    },
  );

  it('shortens the TBSCertificate length from three octets to two (and the extension lengths to one)', () => {
    const tbs = handmadeTbs(100, otherExtension(60), sctExtension(40), otherExtension(20));
    expect(tbs[1]).toBe(0x82);
    const precert = precertificateTbs(tbs);
    expect(precert[1]).toBe(0x81);
    expect(toHex(precert)).toBe(toHex(genericPrecertificate(tbs)));
  });

  it('shortens a TBSCertificate past 64 KiB from a four-octet length to a three-octet one', () => {
    const tbs = handmadeTbs(65_400, otherExtension(10), sctExtension(200));
    expect(tbs[1]).toBe(0x83);
    const precert = precertificateTbs(tbs);
    expect(precert[1]).toBe(0x82);
    expect(toHex(precert)).toBe(toHex(genericPrecertificate(tbs)));
  });

  it('drops the extensions field when the SCT list was the only extension', () => {
    const tbs = handmadeTbs(10, sctExtension(40));
    const precert = precertificateTbs(tbs);
    expect(toHex(precert)).toBe(
      toHex(seq(tlv(0x02, Uint8Array.of(1)), octetString(new Uint8Array(10).fill(0x11)))),
    );
  });

  it('fails with ERR_SCT_MALFORMED when there is no SCT list extension', () => {
    const tbs = handmadeTbs(10, otherExtension(4));
    expect(() => precertificateTbs(tbs)).toThrowError(expect.objectContaining({ code: 'ERR_SCT_MALFORMED' }));
  });

  it('fails with ERR_SCT_MALFORMED when there are no extensions at all', () => {
    const tbs = seq(tlv(0x02, Uint8Array.of(1)));
    expect(() => precertificateTbs(tbs)).toThrowError(FulcioError);
  });

  it('fails with ERR_SCT_MALFORMED for bytes that are not DER', () => {
    expect(() => precertificateTbs(Uint8Array.of(0x30, 0x10, 0x02))).toThrowError(
      expect.objectContaining({ code: 'ERR_SCT_MALFORMED' }),
    );
  });
});

describe('precertificateTbsFromPoisoned', () => {
  const poison = seq(
    oid(OID.ctPrecertificatePoison),
    tlv(0x01, Uint8Array.of(0xff)),
    octetString(Uint8Array.of(5, 0)),
  );

  it('removes the poison extension, and equals precertificateTbs of the same TBS with an SCT list instead', () => {
    const poisoned = handmadeTbs(30, otherExtension(8), poison);
    const final = handmadeTbs(30, otherExtension(8), sctExtension(50));
    expect(toHex(precertificateTbsFromPoisoned(poisoned))).toBe(toHex(precertificateTbs(final)));
  });

  it('leaves an SCT list alone: only the poison goes', () => {
    const tbs = handmadeTbs(5, sctExtension(4), poison);
    expect(toHex(precertificateTbsFromPoisoned(tbs))).toBe(toHex(handmadeTbs(5, sctExtension(4))));
  });

  it('fails with ERR_SCT_MALFORMED naming the poison when there is none', () => {
    expect(() => precertificateTbsFromPoisoned(handmadeTbs(10, sctExtension(4)))).toThrowError(
      expect.objectContaining({
        code: 'ERR_SCT_MALFORMED',
        message: expect.stringMatching(/no poison extension/),
      }),
    );
  });
});
