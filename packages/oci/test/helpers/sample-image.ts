import { randomBytes } from 'node:crypto';
import { type Descriptor, type ImageStore, OCI_IMAGE_CONFIG, OCI_MANIFEST } from '../../src/index.js';

const encoder = new TextEncoder();

/** A tiny image: a config, one random layer, and its manifest, pushed under `tag`. */
export async function pushSampleImage(store: ImageStore, tag = 'latest'): Promise<Descriptor> {
  const config = await store.putBlob(
    encoder.encode(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
    ),
    OCI_IMAGE_CONFIG,
  );
  const layer = await store.putBlob(randomBytes(64), 'application/vnd.oci.image.layer.v1.tar');
  const manifest = encoder.encode(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }),
  );
  return (await store.putManifest(manifest, OCI_MANIFEST, tag)).descriptor;
}
