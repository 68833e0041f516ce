import { describe, expect, it } from 'vitest';
import { createVerifier, type VerificationErrorCode, type VerificationPolicy } from '../src/index.js';
import { type BundleJson, clone, conformanceCase, flipBase64 } from './helpers.js';

type Tamper = (bundle: BundleJson) => void;

async function expectRejected(
  caseName: string,
  tamper: Tamper,
  code: VerificationErrorCode | VerificationErrorCode[],
  policyOverride?: Partial<VerificationPolicy>,
) {
  const c = conformanceCase(caseName);
  const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
  const bundle = clone(c.bundle);
  tamper(bundle);
  const policy = { identity: c.identity, issuer: c.issuer, ...policyOverride } as VerificationPolicy;
  const codes = Array.isArray(code) ? code : [code];
  await expect(verifier.verify(bundle, { artifact: c.artifact }, policy)).rejects.toSatisfy(
    (err: { code?: string }) => codes.includes(err.code as VerificationErrorCode),
  );
}

describe('the untampered bundles verify (baseline for the tampering below)', () => {
  for (const name of [
    'happy-path-v0.3',
    'happy-path-v0.1',
    'rekor2-happy-path',
    'happy-path-intoto-in-dsse-v3',
  ]) {
    it(`accepts ${name}`, async () => {
      const c = conformanceCase(name);
      const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
      const result = await verifier.verify(
        c.bundle,
        { artifact: c.artifact },
        { identity: c.identity, issuer: c.issuer },
      );
      expect(result.signer.identity).toBe(c.identity);
    });
  }
});

describe('a tampered real bundle is rejected with the code of the failed check', () => {
  const entry = (b: BundleJson) => b.verificationMaterial.tlogEntries[0];

  it('message signature changed', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        b.messageSignature.signature = flipBase64(b.messageSignature.signature, 10);
      },
      'ERR_SIGNATURE',
    ));

  it('message digest hint changed', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        b.messageSignature.messageDigest.digest = flipBase64(b.messageSignature.messageDigest.digest);
      },
      'ERR_ARTIFACT_MISMATCH',
    ));

  it('log entry body changed', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        const body = JSON.parse(Buffer.from(entry(b).canonicalizedBody, 'base64').toString('utf8'));
        body.spec.data.hash.value = '0'.repeat(64);
        entry(b).canonicalizedBody = Buffer.from(JSON.stringify(body)).toString('base64');
      },
      ['ERR_TLOG', 'ERR_TLOG_BODY_MISMATCH'],
    ));

  it('inclusion proof hash changed', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        const proof = entry(b).inclusionProof;
        proof.hashes[0] = flipBase64(proof.hashes[0]);
      },
      'ERR_TLOG',
    ));

  it('inclusion proof root hash changed', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        entry(b).inclusionProof.rootHash = flipBase64(entry(b).inclusionProof.rootHash);
      },
      'ERR_TLOG',
    ));

  it('checkpoint signature changed', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        const cp: string = entry(b).inclusionProof.checkpoint.envelope;
        const lines = cp.split('\n');
        const sigIndex = lines.findIndex((l) => l.startsWith('\u2014 '));
        const parts = lines[sigIndex]!.split(' ');
        parts[2] = flipBase64(parts[2]!, 20);
        lines[sigIndex] = parts.join(' ');
        entry(b).inclusionProof.checkpoint.envelope = lines.join('\n');
      },
      'ERR_TLOG',
    ));

  it('signed entry timestamp changed', () =>
    expectRejected(
      'happy-path-v0.1',
      (b) => {
        entry(b).inclusionPromise.signedEntryTimestamp = flipBase64(
          entry(b).inclusionPromise.signedEntryTimestamp,
          12,
        );
      },
      'ERR_TLOG',
    ));

  it('integrated time moved (the SET no longer matches)', () =>
    expectRejected(
      'happy-path-v0.1',
      (b) => {
        entry(b).integratedTime = String(Number(entry(b).integratedTime) + 1);
      },
      'ERR_TLOG',
    ));

  it('log id changed to an unknown log', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        entry(b).logId.keyId = flipBase64(entry(b).logId.keyId);
      },
      'ERR_TLOG',
    ));

  it('certificate changed (signature byte of the leaf)', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        b.verificationMaterial.certificate.rawBytes = flipBase64(
          b.verificationMaterial.certificate.rawBytes,
          -5,
        );
      },
      ['ERR_CERTIFICATE_CHAIN', 'ERR_TLOG_BODY_MISMATCH', 'ERR_BUNDLE_INVALID'],
    ));

  it('RFC 3161 timestamp changed', () =>
    expectRejected(
      'rekor2-happy-path',
      (b) => {
        const ts = b.verificationMaterial.timestampVerificationData.rfc3161Timestamps[0];
        ts.signedTimestamp = flipBase64(ts.signedTimestamp, -10);
      },
      'ERR_TIMESTAMP',
    ));

  it('RFC 3161 timestamp removed from a Rekor v2 bundle (no time left)', () =>
    expectRejected(
      'rekor2-happy-path',
      (b) => {
        b.verificationMaterial.timestampVerificationData.rfc3161Timestamps = [];
      },
      'ERR_TIMESTAMP_THRESHOLD',
    ));

  it('DSSE payload changed', () =>
    expectRejected(
      'happy-path-intoto-in-dsse-v3',
      (b) => {
        const statement = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8'));
        statement.predicate = { tampered: true };
        b.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
      },
      ['ERR_SIGNATURE', 'ERR_TLOG_BODY_MISMATCH'],
    ));

  it('policy: another identity', () =>
    expectRejected('happy-path-v0.3', () => {}, 'ERR_IDENTITY_MISMATCH', {
      identity: 'someone@example.com',
    }));

  it('policy: another issuer', () =>
    expectRejected('happy-path-v0.3', () => {}, 'ERR_ISSUER_MISMATCH', {
      issuer: 'https://accounts.google.com',
    }));

  it('policy: an identity regexp that does not match', () =>
    expectRejected('happy-path-v0.3', () => {}, 'ERR_IDENTITY_MISMATCH', {
      identity: /^https:\/\/github\.com\/evil\//,
    }));

  it('policy: a certificate extension that does not match', () =>
    expectRejected('happy-path-v0.3', () => {}, 'ERR_EXTENSION_MISMATCH', {
      extensions: { sourceRepositoryURI: 'https://github.com/evil/repo' },
    } as Partial<VerificationPolicy>));

  it('media type with an unknown version', () =>
    expectRejected(
      'happy-path-v0.3',
      (b) => {
        b.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.9';
      },
      'ERR_BUNDLE_INVALID',
    ));
});

describe('the wrong artifact is rejected', () => {
  it('with the artifact bytes', async () => {
    const c = conformanceCase('happy-path-v0.3');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
    await expect(
      verifier.verify(
        c.bundle,
        { artifact: Buffer.from('not the artifact') },
        { identity: c.identity, issuer: c.issuer },
      ),
    ).rejects.toMatchObject({ code: 'ERR_ARTIFACT_MISMATCH' });
  });

  it('with a digest', async () => {
    const c = conformanceCase('happy-path-v0.3');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
    await expect(
      verifier.verify(
        c.bundle,
        { digest: `sha256:${'ab'.repeat(32)}` },
        { identity: c.identity, issuer: c.issuer },
      ),
    ).rejects.toMatchObject({ code: 'ERR_ARTIFACT_MISMATCH' });
  });

  it('with a malformed digest string', async () => {
    const c = conformanceCase('happy-path-v0.3');
    const verifier = await createVerifier({ trustedRoot: c.trustedRoot });
    await expect(
      verifier.verify(c.bundle, { digest: 'sha256:xyz' }, { identity: c.identity, issuer: c.issuer }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});
