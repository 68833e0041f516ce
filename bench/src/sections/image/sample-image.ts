import { randomBytes } from 'node:crypto';
import { type Descriptor, type ImageStore, OCI_IMAGE_CONFIG, OCI_MANIFEST } from '@keyless/oci';

const encoder = new TextEncoder();

/** A small image (a config and one layer, by default 4 KiB of random bytes) stored under `tag`. */
export async function pushSampleImage(
  store: ImageStore,
  tag: string,
  layerBytes: Uint8Array = randomBytes(4096),
): Promise<Descriptor> {
  const config = await store.putBlob(
    encoder.encode(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
    ),
    OCI_IMAGE_CONFIG,
  );
  const layer = await store.putBlob(layerBytes, 'application/vnd.oci.image.layer.v1.tar');
  const manifest = encoder.encode(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }),
  );
  return (await store.putManifest(manifest, OCI_MANIFEST, tag)).descriptor;
}
