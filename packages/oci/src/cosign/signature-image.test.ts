import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { computeDigest } from '../digest/digest.js';
import type { Descriptor } from '../manifest/types.js';
import { COSIGN_SIMPLESIGNING } from '../media-types.js';
import { signatureImage, signatureImageConfig } from './signature-image.js';

const realSig = JSON.parse(
  readRealdata('oci/connaisseur-keyless-github-oauth/sig-manifest.json').toString('utf8'),
) as {
  config: Descriptor;
  layers: Descriptor[];
};

describe('signatureImage', () => {
  it('writes the config cosign wrote for a real signature (same digest and size)', () => {
    const config = signatureImageConfig(realSig.layers);
    expect(computeDigest(config)).toBe(realSig.config.digest);
    expect(config.byteLength).toBe(realSig.config.size);
  });

  it('writes a manifest equal, as JSON, to the real .sig manifest', () => {
    const image = signatureImage(realSig.layers);
    expect(JSON.parse(new TextDecoder().decode(image.manifest))).toEqual(realSig);
  });

  it('lists one diff_id and one history entry per layer', () => {
    const layer = (n: number): Descriptor => ({
      mediaType: COSIGN_SIMPLESIGNING,
      size: 1,
      digest: `sha256:${String(n).repeat(64)}`,
    });
    const config = JSON.parse(new TextDecoder().decode(signatureImageConfig([layer(1), layer(2)]))) as {
      history: unknown[];
      rootfs: { diff_ids: string[] };
    };
    expect(config.history).toHaveLength(2);
    expect(config.rootfs.diff_ids).toEqual([layer(1).digest, layer(2).digest]);
  });
});
