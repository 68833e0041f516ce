import { readRealdata, readRealdataJson } from '@keyless/testkit';
import { createVerifier, type Verifier } from '@keyless/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { COSIGN_ANNOTATIONS, COSIGN_SIMPLESIGNING } from '../media-types.js';
import { bundleFromSignatureLayer } from './layer-bundle.js';

// A keyless cosign signature of an image (mitr@redhat.com via GitHub login, public-good Fulcio and
// Rekor, 2022-12-12), as the annotations of its .sig layer.
const dir = 'oci/containers-image-fulcio-rekor';
const payload = readRealdata(dir, 'rekor-payload');
const annotations = {
  [COSIGN_ANNOTATIONS.signature]: readRealdata(dir, 'rekor-sig').toString('utf8').trim(),
  [COSIGN_ANNOTATIONS.certificate]: readRealdata(dir, 'fulcio-cert').toString('utf8'),
  [COSIGN_ANNOTATIONS.chain]: readRealdata(dir, 'fulcio-chain').toString('utf8'),
  [COSIGN_ANNOTATIONS.bundle]: readRealdata(dir, 'rekor-set').toString('utf8').trim(),
};
const layer = (changes: Record<string, string> = {}): Descriptor => ({
  mediaType: COSIGN_SIMPLESIGNING,
  digest: `sha256:${'0'.repeat(64)}`,
  size: payload.byteLength,
  annotations: { ...annotations, ...changes },
});
const policy = { identity: 'mitr@redhat.com', issuer: 'https://github.com/login/oauth' };

function flipBase64(value: string, at: number): string {
  const bytes = Buffer.from(value, 'base64');
  bytes[at]! ^= 0x01;
  return bytes.toString('base64');
}

describe('bundleFromSignatureLayer', () => {
  let verifier: Verifier;
  beforeAll(async () => {
    verifier = await createVerifier({ trustedRoot: readRealdataJson('trust/production/trusted_root.json') });
  });

  it('rebuilds a bundle that verifies offline with the production trusted root', async () => {
    const result = await verifier.verify(
      bundleFromSignatureLayer(layer(), payload),
      { artifact: payload },
      policy,
    );
    expect(result.signer.identity).toBe('mitr@redhat.com');
    expect(result.checks.find((c) => c.name === 'tlog-entry')?.detail).toContain('inclusion-promise');
  });

  it('keeps only the leaf certificate: the chain annotation ends in a root, which must come from the trusted root', () => {
    const bundle = bundleFromSignatureLayer(layer(), payload);
    expect(bundle.verificationMaterial.x509CertificateChain?.certificates).toHaveLength(1);
  });

  it('is rejected when a byte of the signature is flipped', async () => {
    const tampered = layer({
      [COSIGN_ANNOTATIONS.signature]: flipBase64(annotations[COSIGN_ANNOTATIONS.signature]!, 20),
    });
    await expect(
      verifier.verify(bundleFromSignatureLayer(tampered, payload), { artifact: payload }, policy),
    ).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
  });

  it('is rejected when a byte of the signed entry timestamp is flipped', async () => {
    const set = JSON.parse(annotations[COSIGN_ANNOTATIONS.bundle]!) as { SignedEntryTimestamp: string };
    set.SignedEntryTimestamp = flipBase64(set.SignedEntryTimestamp, 30);
    const tampered = layer({ [COSIGN_ANNOTATIONS.bundle]: JSON.stringify(set) });
    await expect(
      verifier.verify(bundleFromSignatureLayer(tampered, payload), { artifact: payload }, policy),
    ).rejects.toMatchObject({
      code: 'ERR_TLOG',
    });
  });

  it('is rejected for a payload other than the one signed', async () => {
    const other = Buffer.from(
      payload
        .toString('utf8')
        .replace('cosign container image signature', 'cosign container image signaturE'),
    );
    await expect(
      verifier.verify(bundleFromSignatureLayer(layer(), other), { artifact: other }, policy),
    ).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
  });

  it('is rejected for another identity', async () => {
    await expect(
      verifier.verify(
        bundleFromSignatureLayer(layer(), payload),
        { artifact: payload },
        { ...policy, identity: 'someone@example.com' },
      ),
    ).rejects.toMatchObject({ code: 'ERR_IDENTITY_MISMATCH' });
  });

  it('refuses a layer without a base64 signature as ERR_MANIFEST_INVALID', () => {
    expect(() => bundleFromSignatureLayer(layer({ [COSIGN_ANNOTATIONS.signature]: '%%%' }), payload)).toThrow(
      OciError,
    );
  });

  it('refuses a certificate annotation without a PEM certificate', () => {
    expect(() =>
      bundleFromSignatureLayer(layer({ [COSIGN_ANNOTATIONS.certificate]: 'not pem' }), payload),
    ).toThrow(/PEM certificate/);
  });

  it('refuses a timestamp annotation without SignedRFC3161Timestamp', () => {
    expect(() =>
      bundleFromSignatureLayer(layer({ [COSIGN_ANNOTATIONS.rfc3161Timestamp]: '{}' }), payload),
    ).toThrow(/SignedRFC3161Timestamp/);
  });
});
