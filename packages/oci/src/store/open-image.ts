import { OciError } from '../errors.js';
import { readIndexJson } from '../layout/index-json.js';
import { type LayoutStore, openLayout } from '../layout/layout-store.js';
import { OCI_ANNOTATIONS } from '../media-types.js';
import { formatReference } from '../references/format.js';
import { parseImageReference } from '../references/parse-reference.js';
import type { ImageReference, LayoutReference } from '../references/types.js';
import { createRegistryClient, type RegistryClient, type RegistryClientOptions } from '../registry/client.js';
import { registryStore } from '../registry/registry-store.js';
import type { ImageStore } from './image-store.js';

/** Settings of {@link openImage}. */
export interface OpenImageOptions extends RegistryClientOptions {
  /** A registry client to reuse; one is created (and closed by `close()`) otherwise. */
  client?: RegistryClient;
  /** `pull,push` when the image's repository will be written to (signing). Default `pull`. */
  access?: 'pull' | 'pull,push';
  /** Create a layout directory that does not exist yet. */
  createLayout?: boolean;
}

/** An image's store and how to look the image up in it. */
export interface OpenedImage {
  reference: ImageReference;
  store: ImageStore;
  /** The tag or digest to give the store (`latest`, `sha256:…`). */
  lookup: string;
  /** Closes the registry client if this call created it. */
  close(): Promise<void>;
}

/** Tags that hold signatures, attestations or referrers rather than an image. */
const ATTACHMENT_TAG = /^sha(256|512)-[0-9a-f]+(\.(sig|att|sbom))?$/;

/** The one image of a layout referenced without tag or digest; refuses to guess among several. */
async function defaultLayoutEntry(dir: string, reference: LayoutReference): Promise<string> {
  const index = await readIndexJson(dir);
  const images = index.manifests.filter((d) => {
    const name = d.annotations?.[OCI_ANNOTATIONS.refName];
    return name !== undefined && !ATTACHMENT_TAG.test(name);
  });
  if (images.length === 1) return images[0]!.digest;
  if (images.length === 0 && index.manifests.length === 1) return index.manifests[0]!.digest;
  const tags = images.map((d) => d.annotations![OCI_ANNOTATIONS.refName]).join(', ');
  throw new OciError(
    'ERR_REFERENCE_INVALID',
    `${formatReference(reference)} holds ${images.length || index.manifests.length} images: name one as oci:PATH:TAG or oci:PATH@DIGEST${tags ? ` (tags: ${tags})` : ''}`,
  );
}

/**
 * Opens the store a reference points into, ignoring its tag or digest: a registry repository, or
 * an OCI image layout directory (created when `createLayout` is set). Use it for a repository of
 * signatures (`KEYLESS_REPOSITORY`); {@link openImage} for an image.
 *
 * @example
 * ```ts
 * const { store, close } = await openStore(parseImageReference('ghcr.io/acme/signatures'), { access: 'pull,push' });
 * ```
 */
export async function openStore(
  reference: ImageReference,
  options: OpenImageOptions = {},
): Promise<{ store: ImageStore; close(): Promise<void> }> {
  if (reference.kind === 'layout') {
    const store = await openLayout(reference.path, { create: options.createLayout ?? false });
    return { store, close: async () => {} };
  }
  const client = options.client ?? createRegistryClient(options);
  const store = registryStore(
    client.repository(reference.registry, reference.repository, options.access ?? 'pull'),
  );
  return { store, close: options.client ? async () => {} : () => client.close() };
}

/**
 * Opens the store an image reference points into, and says how to look the image up in it: its
 * digest or tag; for a layout named without either, its only image (refusing to guess among
 * several). `input` is parsed with `parseImageReference` when it is text.
 *
 * @example
 * ```ts
 * const { store, lookup, close } = await openImage('localhost:5000/app:1.0');
 * const manifest = await store.getManifest(lookup);
 * await close();
 * ```
 */
export async function openImage(
  input: string | ImageReference,
  options: OpenImageOptions = {},
): Promise<OpenedImage> {
  const reference = typeof input === 'string' ? parseImageReference(input) : input;
  const { store, close } = await openStore(reference, options);
  const lookup =
    reference.digest ??
    reference.tag ??
    (store.kind === 'layout' && reference.kind === 'layout'
      ? await defaultLayoutEntry((store as LayoutStore).dir, reference)
      : 'latest');
  return { reference, store, lookup, close };
}
