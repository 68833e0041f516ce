import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertDigest, computeDigest, parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import type { Descriptor, StoredManifest } from '../manifest/types.js';
import { OCI_ANNOTATIONS } from '../media-types.js';
import type { ImageStore } from '../store/image-store.js';
import { writeFileAtomic } from './files.js';
import {
  emptyIndex,
  findTagged,
  INDEX_FILE,
  OCI_LAYOUT_CONTENT,
  OCI_LAYOUT_FILE,
  readIndexJson,
  writeIndexJson,
} from './index-json.js';
import { FileLock } from './lock.js';

/** Settings of {@link openLayout}. */
export interface LayoutOptions {
  /** Create the layout (directory, `oci-layout`, empty `index.json`) when it does not exist. */
  create?: boolean;
  /** Largest manifest read. Default 4 MiB, as for registries. */
  maxManifestBytes?: number;
}

/** An {@link ImageStore} over an OCI image layout directory. */
export interface LayoutStore extends ImageStore {
  readonly kind: 'layout';
  /** The layout directory, absolute. */
  readonly dir: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Opens an OCI image layout directory (`oci-layout`, `index.json`, `blobs/<alg>/<hex>`) as an
 * {@link ImageStore}. Tags are `org.opencontainers.image.ref.name` annotations of `index.json`;
 * manifests stored without a tag are listed there untagged so they stay reachable. Updates of
 * `index.json` hold a lock file and replace the file atomically, so concurrent writers, in this
 * process or others, never lose each other's entries.
 *
 * @example
 * ```ts
 * const layout = await openLayout('./build/image', { create: true });
 * const manifest = await layout.getManifest('latest');
 * ```
 */
export async function openLayout(path: string, options: LayoutOptions = {}): Promise<LayoutStore> {
  const dir = resolve(path);
  const maxManifestBytes = options.maxManifestBytes ?? 4 * 1024 * 1024;
  if (!(await exists(join(dir, OCI_LAYOUT_FILE)))) {
    if (!options.create) {
      throw new OciError(
        'ERR_LAYOUT_INVALID',
        `${path} is not an OCI image layout (it has no ${OCI_LAYOUT_FILE} file)`,
      );
    }
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    if (!(await exists(join(dir, INDEX_FILE)))) await writeIndexJson(dir, emptyIndex());
    await writeFile(join(dir, OCI_LAYOUT_FILE), OCI_LAYOUT_CONTENT);
  }
  const lock = new FileLock(join(dir, `${INDEX_FILE}.lock`));
  const name = `oci:${path}`;

  const blobPath = (digest: string) => {
    const parsed = parseDigest(digest);
    if (!parsed) throw new OciError('ERR_REFERENCE_INVALID', `"${digest}" is not a supported digest`);
    return join(dir, 'blobs', parsed.algorithm, parsed.hex);
  };

  async function readBlob(digest: string, limit?: number): Promise<Uint8Array | undefined> {
    const file = blobPath(digest);
    if (limit !== undefined) {
      const size = await stat(file).then(
        (s) => s.size,
        () => undefined,
      );
      if (size === undefined) return undefined;
      if (size > limit) {
        throw new OciError(
          'ERR_MANIFEST_TOO_LARGE',
          `${name}: manifest ${digest} is ${size} bytes, more than ${limit}`,
        );
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    assertDigest(bytes, digest, `${name}: blob ${digest}`);
    return bytes;
  }

  async function putBlob(bytes: Uint8Array, mediaType = 'application/octet-stream'): Promise<Descriptor> {
    const digest = computeDigest(bytes);
    const file = blobPath(digest);
    if (!(await exists(file))) await writeFileAtomic(file, bytes);
    return { mediaType, digest, size: bytes.byteLength };
  }

  async function digestOf(reference: string): Promise<string | undefined> {
    if (parseDigest(reference)) return reference;
    return findTagged(await readIndexJson(dir), reference, OCI_ANNOTATIONS.refName)?.digest;
  }

  async function getManifest(reference: string): Promise<StoredManifest | undefined> {
    const digest = await digestOf(reference);
    if (!digest) return undefined;
    const bytes = await readBlob(digest, maxManifestBytes);
    if (!bytes) return undefined;
    const parsed = parseManifest(bytes, undefined, `${name}@${digest}`);
    return { descriptor: { mediaType: parsed.mediaType, digest, size: bytes.byteLength }, bytes, parsed };
  }

  return {
    kind: 'layout',
    name,
    dir,
    getManifest,
    async resolve(reference) {
      if (!parseDigest(reference)) {
        const entry = findTagged(await readIndexJson(dir), reference, OCI_ANNOTATIONS.refName);
        if (!entry) return undefined;
        return { mediaType: entry.mediaType, digest: entry.digest, size: entry.size };
      }
      return (await getManifest(reference))?.descriptor;
    },
    async putManifest(bytes, mediaType, tag) {
      const stored = await putBlob(bytes, mediaType);
      const descriptor: Descriptor = { mediaType, digest: stored.digest, size: stored.size };
      await lock.run(async () => {
        const index = await readIndexJson(dir);
        if (tag !== undefined) {
          index.manifests = index.manifests.filter((d) => d.annotations?.[OCI_ANNOTATIONS.refName] !== tag);
          index.manifests.push({ ...descriptor, annotations: { [OCI_ANNOTATIONS.refName]: tag } });
        } else if (!index.manifests.some((d) => d.digest === descriptor.digest)) {
          index.manifests.push(descriptor);
        } else {
          return;
        }
        await writeIndexJson(dir, index);
      });
      return { descriptor, subjectIndexed: false };
    },
    getBlob: (digest) => readBlob(digest),
    putBlob,
    async listReferrers() {
      return undefined;
    },
    exclusive: (update) => lock.run(update),
  };
}
