import { parseBundle } from '@keyless/core';
import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { OciError } from '../errors.js';
import { COSIGN_ANNOTATIONS, COSIGN_SIMPLESIGNING } from '../media-types.js';
import { bundleFromSignatureLayer } from './layer-bundle.js';
import { rekorBundleAnnotation, tlogEntryFromRekorBundle } from './rekor-bundle.js';

const realSet = readRealdata('oci/containers-image-fulcio-rekor/rekor-set').toString('utf8').trim();

describe('the dev.sigstore.cosign/bundle annotation', () => {
  it('rebuilds a hashedrekord entry with its SET from a real annotation', () => {
    const entry = tlogEntryFromRekorBundle(realSet);
    expect(entry.logIndex).toBe('8949589');
    expect(entry.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.1' });
    expect(entry.inclusionPromise?.signedEntryTimestamp).toBe(JSON.parse(realSet).SignedEntryTimestamp);
    expect(Buffer.from(entry.logId.keyId, 'base64').toString('hex')).toBe(JSON.parse(realSet).Payload.logID);
  });

  it('writes back the same annotation cosign wrote', () => {
    const layer = {
      mediaType: COSIGN_SIMPLESIGNING,
      digest: `sha256:${'0'.repeat(64)}`,
      size: 0,
      annotations: {
        [COSIGN_ANNOTATIONS.signature]: readRealdata('oci/containers-image-fulcio-rekor/rekor-sig')
          .toString('utf8')
          .trim(),
        [COSIGN_ANNOTATIONS.certificate]: readRealdata(
          'oci/containers-image-fulcio-rekor/fulcio-cert',
        ).toString('utf8'),
        [COSIGN_ANNOTATIONS.bundle]: realSet,
      },
    };
    const bundle = parseBundle(
      bundleFromSignatureLayer(layer, readRealdata('oci/containers-image-fulcio-rekor/rekor-payload')),
    );
    expect(rekorBundleAnnotation(bundle.verificationMaterial.tlogEntries[0]!)).toBe(
      JSON.stringify(JSON.parse(realSet)),
    );
  });

  it.each([
    ['not JSON', '{'],
    ['no SET', '{"Payload":{}}'],
    [
      'a body that is not base64',
      '{"SignedEntryTimestamp":"AA==","Payload":{"body":"!!","integratedTime":1,"logIndex":1,"logID":"00"}}',
    ],
    [
      'a logID that is not hex',
      '{"SignedEntryTimestamp":"AA==","Payload":{"body":"e30=","integratedTime":1,"logIndex":1,"logID":"zz"}}',
    ],
    [
      'a body without kind',
      '{"SignedEntryTimestamp":"AA==","Payload":{"body":"e30=","integratedTime":1,"logIndex":1,"logID":"00"}}',
    ],
    [
      'a fractional logIndex',
      '{"SignedEntryTimestamp":"AA==","Payload":{"body":"e30=","integratedTime":1,"logIndex":1.5,"logID":"00"}}',
    ],
  ])('refuses an annotation with %s as ERR_MANIFEST_INVALID', (_, annotation) => {
    expect(() => tlogEntryFromRekorBundle(annotation)).toThrow(OciError);
  });
});
