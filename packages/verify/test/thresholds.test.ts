import { describe, expect, it } from 'vitest';
import { createVerifier } from '../src/index.js';
import { conformanceCase } from './helpers.js';

describe('thresholds', () => {
  it('with timestampThreshold 0, a bundle without any verified time is checked now and passes with a warning', async () => {
    // rekor2-no-timestamp_fail has no TSA timestamp and Rekor v2 gives no integrated time.
    const c = conformanceCase('rekor2-no-timestamp_fail');
    const leafDer = Buffer.from(c.bundle.verificationMaterial.certificate.rawBytes, 'base64');
    const { X509Certificate } = await import('node:crypto');
    const leaf = new X509Certificate(leafDer);
    const during = new Date(new Date(leaf.validFrom).getTime() + 60_000);
    const verifier = await createVerifier({
      trustedRoot: c.trustedRoot,
      timestampThreshold: 0,
      now: () => during,
    });
    const result = await verifier.verify(
      c.bundle,
      { artifact: c.artifact },
      { identity: c.identity, issuer: c.issuer },
    );
    expect(result.timestamps).toEqual([]);
    expect(result.warnings.join(' ')).toMatch(/no verified timestamp/);
  });

  it('with the default timestamp threshold the same bundle is rejected', async () => {
    const c = conformanceCase('rekor2-no-timestamp_fail');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
    await expect(
      verifier.verify(c.bundle, { artifact: c.artifact }, { identity: c.identity, issuer: c.issuer }),
    ).rejects.toMatchObject({ code: 'ERR_TIMESTAMP_THRESHOLD' });
  });

  it('a tlog threshold above the number of entries is rejected', async () => {
    const c = conformanceCase('happy-path-v0.3');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot, tlogThreshold: 2 });
    await expect(
      verifier.verify(c.bundle, { artifact: c.artifact }, { identity: c.identity, issuer: c.issuer }),
    ).rejects.toMatchObject({ code: 'ERR_TLOG_THRESHOLD' });
  });

  it('a CT log threshold above the number of SCTs is rejected', async () => {
    const c = conformanceCase('happy-path-v0.3');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot, ctlogThreshold: 5 });
    await expect(
      verifier.verify(c.bundle, { artifact: c.artifact }, { identity: c.identity, issuer: c.issuer }),
    ).rejects.toMatchObject({ code: 'ERR_SCT' });
  });

  it('refuses a negative threshold', async () => {
    const c = conformanceCase('happy-path-v0.3');
    await expect(createVerifier({ trustedRoot: c.trustedRoot, tlogThreshold: -1 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });

  it('a key-signed bundle needs a key policy', async () => {
    const c = conformanceCase('managed-key-happy-path');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
    await expect(
      verifier.verify(c.bundle, { artifact: c.artifact }, { identity: c.identity, issuer: c.issuer }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_MISMATCH' });
  });
});
