import { describe, expect, it } from 'vitest';
import { fulcioErrorOf } from '../../test/catch.js';
import { createCa, createCtLog, issueLeaf, SCT_TIME } from '../../test/synthetic.js';
import { offsetIn, tampered } from '../../test/tamper.js';
import { embeddedScts } from './parse.js';
import { checkEmbeddedScts, requireEmbeddedScts, verifyEmbeddedScts } from './verify.js';

describe('synthetic SCTs', () => {
  it('verifies SCTs from two logs, one of them with extensions, and reports both', async () => {
    const ca = await createCa();
    const a = createCtLog({ baseUrl: 'https://a.ct.test' });
    const b = createCtLog({ baseUrl: 'https://b.ct.test' });
    const { leaf } = await issueLeaf(ca, {
      scts: [{ log: a }, { log: b, extensions: Uint8Array.of(0, 0, 5, 0, 0, 0, 0, 42) }],
      sctPosition: 0,
    });
    const verified = requireEmbeddedScts(leaf, ca.cert, [a.log, b.log], { threshold: 2 });
    expect(verified.map((v) => [v.log.baseUrl, v.timestamp.getTime()])).toEqual([
      ['https://a.ct.test', SCT_TIME],
      ['https://b.ct.test', SCT_TIME],
    ]);
  });

  it('verifies an SCT signed with an RSA log key', async () => {
    const ca = await createCa();
    const log = createCtLog({ keyType: 'rsa' });
    const { leaf } = await issueLeaf(ca, { scts: [{ log }] });
    expect(verifyEmbeddedScts(leaf, ca.cert, [log.log])).toHaveLength(1);
  });

  it('fails the threshold when only one of two logs verified, naming the failure', async () => {
    const ca = await createCa();
    const a = createCtLog({ baseUrl: 'https://a.ct.test' });
    const b = createCtLog({ baseUrl: 'https://b.ct.test' });
    const { leaf } = await issueLeaf(ca, { scts: [{ log: a }, { log: b }] });
    const impostor = { ...createCtLog().log, logId: b.log.logId, baseUrl: 'https://b.ct.test' };
    const err = fulcioErrorOf(() => requireEmbeddedScts(leaf, ca.cert, [a.log, impostor], { threshold: 2 }));
    expect(err.code).toBe('ERR_SCT_INVALID');
    expect(err.message).toContain('1 of 2 required CT logs');
    expect(err.message).toContain('https://b.ct.test');
  });

  it('counts two SCTs from the same log once against the threshold', async () => {
    const ca = await createCa();
    const log = createCtLog();
    const { leaf } = await issueLeaf(ca, { scts: [{ log }, { log, timestamp: SCT_TIME + 5 }] });
    expect(verifyEmbeddedScts(leaf, ca.cert, [log.log])).toHaveLength(2);
    expect(fulcioErrorOf(() => requireEmbeddedScts(leaf, ca.cert, [log.log], { threshold: 2 })).code).toBe(
      'ERR_SCT_MISSING',
    );
  });

  it('rejects an SCT whose signature algorithm does not match the log key', async () => {
    const ca = await createCa();
    const log = createCtLog();
    const { leaf } = await issueLeaf(ca, { scts: [{ log, signatureAlgorithm: 1 }] });
    const [check] = checkEmbeddedScts(leaf, ca.cert, [log.log]);
    expect(check).toMatchObject({ verified: false, code: 'ERR_SCT_INVALID' });
    expect(check!.verified || check!.reason).toContain('does not match');
  });

  it('rejects an SCT whose extensions were changed after signing', async () => {
    const ca = await createCa();
    const log = createCtLog();
    const { leaf } = await issueLeaf(ca, { scts: [{ log, extensions: Uint8Array.of(1, 2, 3) }] });
    const extensions = embeddedScts(leaf)[0]!.extensions;
    const broken = tampered(leaf, (der) => {
      der[offsetIn(leaf.der, extensions)]! ^= 0xff;
    });
    expect(checkEmbeddedScts(broken, ca.cert, [log.log])[0]).toMatchObject({ code: 'ERR_SCT_INVALID' });
  });
});
