import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OciError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import type { Descriptor, ImageIndex } from '../manifest/types.js';
import { OCI_INDEX } from '../media-types.js';
import { writeFileAtomic } from './files.js';

/** The file that makes a directory an OCI image layout, and its content. */
export const OCI_LAYOUT_FILE = 'oci-layout';
export const OCI_LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';
export const INDEX_FILE = 'index.json';

/** An empty `index.json`. */
export function emptyIndex(): ImageIndex {
  return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
}

/** Reads and checks a layout's `index.json`. */
export async function readIndexJson(dir: string): Promise<ImageIndex> {
  const path = join(dir, INDEX_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new OciError('ERR_LAYOUT_INVALID', `${dir} is not an OCI image layout: cannot read ${INDEX_FILE}`, {
      cause: error,
    });
  }
  const parsed = parseManifest(bytes, OCI_INDEX, path);
  if (parsed.kind !== 'index') throw new OciError('ERR_LAYOUT_INVALID', `${path} is not an image index`);
  return parsed.manifest;
}

/** Writes `index.json` atomically. */
export async function writeIndexJson(dir: string, index: ImageIndex): Promise<void> {
  await writeFileAtomic(join(dir, INDEX_FILE), `${JSON.stringify(index)}\n`);
}

/** The entry of `index.json` tagged `tag` (`org.opencontainers.image.ref.name`); the last one wins. */
export function findTagged(index: ImageIndex, tag: string, refNameKey: string): Descriptor | undefined {
  let found: Descriptor | undefined;
  for (const descriptor of index.manifests)
    if (descriptor.annotations?.[refNameKey] === tag) found = descriptor;
  return found;
}
