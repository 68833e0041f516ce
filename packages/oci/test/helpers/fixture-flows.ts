import { encodeBase64, type TrustedRootJson } from '@keyless/core';
import type { SigningResult } from '@keyless/sign';
import {
  type Descriptor,
  type ImageSigningPipeline,
  type ImageStore,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
} from '../../src/index.js';

/** The fixture hosts recorded exchanges are rewritten to. */
export const FIXTURE_REGISTRY = 'registry.fixture.test';
export const FIXTURE_AUTH = 'auth.fixture.test';
export const FIXTURE_REPOSITORY = 'demo/app';
export const FIXTURE_DOCKER_REFERENCE = `${FIXTURE_REGISTRY}/${FIXTURE_REPOSITORY}`;
export const FIXTURE_CREDENTIALS = { username: 'fixture', password: 'fixture-password' };
export const FIXTURE_IDENTITY = 'fixture@example.com';

const encoder = new TextEncoder();

/** A fixed image (same bytes, same digests every time), so that recorded requests replay. */
export async function pushFixedImage(store: ImageStore, tag: string): Promise<Descriptor> {
  const config = await store.putBlob(
    encoder.encode('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'),
    OCI_IMAGE_CONFIG,
  );
  const layer = await store.putBlob(
    encoder.encode('keyless fixture layer\n'),
    'application/vnd.oci.image.layer.v1.tar',
  );
  const manifest = encoder.encode(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }),
  );
  return (await store.putManifest(manifest, OCI_MANIFEST, tag)).descriptor;
}

/** What a fixture keeps of a signing result: what `signImage` stores. */
export interface RecordedSigning {
  bundle: SigningResult['bundle'];
  certificateChain: string[];
}

export function recordSigning(result: SigningResult): RecordedSigning {
  return { bundle: result.bundle, certificateChain: result.certificateChain.map((der) => encodeBase64(der)) };
}

/** A pipeline that answers with a recorded signing result, so a replayed sign sends the recorded bytes. */
export function replayPipeline(recorded: RecordedSigning): ImageSigningPipeline {
  const result = {
    bundle: recorded.bundle,
    certificateChain: recorded.certificateChain.map((b64) => new Uint8Array(Buffer.from(b64, 'base64'))),
  } as SigningResult;
  return { signMessage: async () => result, signDsse: async () => result };
}

/** The data a recorded flow carries besides its exchanges. */
export interface FixtureData {
  digest: string;
  trustedRoot?: TrustedRootJson;
  issuer?: string;
  signing?: RecordedSigning;
}
