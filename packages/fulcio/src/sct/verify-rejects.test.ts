import { readElement } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { fulcioErrorOf } from '../../test/catch.js';
import { issuerOf, PRODUCTION_ROOT, pemLeaf, STAGING_ROOT, trustOf } from '../../test/realdata.js';
import { offsetIn, tampered } from '../../test/tamper.js';
import { embeddedScts } from './parse.js';
import { checkEmbeddedScts, requireEmbeddedScts, verifyEmbeddedScts } from './verify.js';

const production = trustOf(...PRODUCTION_ROOT);
const staging = trustOf(...STAGING_ROOT);

describe('tampered real certificates', () => {
  const leaf = pemLeaf('fulcio/github-actions/trailofbits-rfc8785py-release-2024-03-19.leaf.pem');
  const issuer = issuerOf(leaf, production.cas);

  it('rejects an SCT whose signature has one byte changed', () => {
    const signature = embeddedScts(leaf)[0]!.signature;
    // Flip a byte inside the ECDSA r value (past the DER SEQUENCE and INTEGER headers).
    const broken = tampered(leaf, (der) => {
      der[offsetIn(leaf.der, signature) + 10]! ^= 0x01;
    });
    const [check] = checkEmbeddedScts(broken, issuer, production.ctlogs);
    expect(check).toMatchObject({ verified: false, code: 'ERR_SCT_INVALID' });
    expect(fulcioErrorOf(() => requireEmbeddedScts(broken, issuer, production.ctlogs)).code).toBe(
      'ERR_SCT_INVALID',
    );
  });

  it('rejects the SCT when a byte of the TBSCertificate outside the SCT list changed', () => {
    const san = leaf.extension('2.5.29.17')!.value;
    const broken = tampered(leaf, (der) => {
      der[offsetIn(leaf.der, san) + san.length - 1]! ^= 0x20;
    });
    expect(verifyEmbeddedScts(broken, issuer, production.ctlogs)).toEqual([]);
    expect(checkEmbeddedScts(broken, issuer, production.ctlogs)[0]).toMatchObject({
      code: 'ERR_SCT_INVALID',
    });
  });

  it('rejects the SCT when checked against the wrong issuer (the root, not the intermediate)', () => {
    const root = production.cas.find(
      (c) => c.isSelfSigned && c.subject.commonName === 'sigstore' && c !== issuer,
    )!;
    expect(verifyEmbeddedScts(leaf, root, production.ctlogs)).toEqual([]);
  });

  it('reports an SCT list that cannot be decoded as ERR_SCT_MALFORMED', () => {
    const list = readElement(leaf.extension('1.3.6.1.4.1.11129.2.4.2')!.value, 0).value;
    const broken = tampered(leaf, (der) => {
      der[offsetIn(leaf.der, list)]! ^= 0x01;
    });
    expect(fulcioErrorOf(() => checkEmbeddedScts(broken, issuer, production.ctlogs)).code).toBe(
      'ERR_SCT_MALFORMED',
    );
  });
});

describe('which logs count', () => {
  const leaf = pemLeaf('fulcio/google/cpython-release-thomas-python-org-2024-08-06.leaf.pem');
  const issuer = issuerOf(leaf, production.cas);
  const ctfe2022 = production.ctlogs.find((l) => l.baseUrl === 'https://ctfe.sigstore.dev/2022')!;

  it('does not count an SCT made before the log key was trusted', () => {
    const notYet = { ...ctfe2022, validFor: { start: new Date('2025-01-01T00:00:00Z') } };
    const [check] = checkEmbeddedScts(leaf, issuer, [notYet]);
    expect(check).toMatchObject({ verified: false, code: 'ERR_SCT_UNKNOWN_LOG' });
    expect(check!.verified || check!.reason).toContain(
      'no trusted key valid at the SCT time 2024-08-06T20:32:47.121Z',
    );
  });

  it('does not count an SCT made after the log key stopped being trusted', () => {
    const retired = {
      ...ctfe2022,
      validFor: { start: new Date('2022-10-20T00:00:00Z'), end: new Date('2024-01-01') },
    };
    expect(verifyEmbeddedScts(leaf, issuer, [retired])).toEqual([]);
  });

  it('does not count an SCT from a log whose key could not be imported', () => {
    expect(checkEmbeddedScts(leaf, issuer, [{ ...ctfe2022, key: undefined }])[0]).toMatchObject({
      code: 'ERR_SCT_UNKNOWN_LOG',
    });
  });

  it('uses another listed key of the same log when the first is not valid at the SCT time', () => {
    const expired = { ...ctfe2022, validFor: { start: new Date('2020-01-01'), end: new Date('2021-01-01') } };
    const verified = verifyEmbeddedScts(leaf, issuer, [expired, ctfe2022]);
    expect(verified.map((v) => v.log)).toEqual([ctfe2022]);
  });

  it('does not count an SCT from a log that is not trusted at all', () => {
    const [check] = checkEmbeddedScts(leaf, issuer, staging.ctlogs);
    expect(check).toMatchObject({ verified: false, code: 'ERR_SCT_UNKNOWN_LOG' });
  });
});
