import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import { DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_INDEX, OCI_MANIFEST } from '../media-types.js';
import type { Descriptor, ImageIndex, ImageManifest, Manifest } from './types.js';

const INDEX_TYPES = new Set([OCI_INDEX, DOCKER_MANIFEST_LIST]);
const MANIFEST_TYPES = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);
const decoder = new TextDecoder('utf-8', { fatal: true });

function invalid(what: string, why: string): OciError {
  return new OciError('ERR_MANIFEST_INVALID', `${what} is not a valid manifest: ${why}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * Checks one descriptor's required fields (`mediaType`, `digest`, `size`) and the types of the
 * optional ones, returning it typed. `where` names it in the error.
 */
export function parseDescriptor(value: unknown, where: string, what: string): Descriptor {
  if (!isObject(value)) throw invalid(what, `${where} is not an object`);
  const { mediaType, digest, size, annotations, artifactType } = value;
  if (typeof mediaType !== 'string' || mediaType.length === 0)
    throw invalid(what, `${where}.mediaType is missing`);
  if (typeof digest !== 'string' || !parseDigest(digest))
    throw invalid(what, `${where}.digest is not a valid digest`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw invalid(what, `${where}.size is not a non-negative integer`);
  }
  if (annotations !== undefined && !isStringMap(annotations)) {
    throw invalid(what, `${where}.annotations is not a map of strings`);
  }
  if (artifactType !== undefined && typeof artifactType !== 'string') {
    throw invalid(what, `${where}.artifactType is not a string`);
  }
  return value as unknown as Descriptor;
}

/**
 * The media type of a manifest: its own `mediaType` field, else the `Content-Type` it was served
 * with, else inferred from its shape (`manifests` makes an index, `config` a manifest).
 */
function mediaTypeOf(json: Record<string, unknown>, contentType: string | undefined, what: string): string {
  const declared = typeof json.mediaType === 'string' ? json.mediaType : undefined;
  const served = contentType?.split(';')[0]?.trim().toLowerCase();
  const type =
    declared ?? (served && (INDEX_TYPES.has(served) || MANIFEST_TYPES.has(served)) ? served : undefined);
  if (type !== undefined) return type;
  if (Array.isArray(json.manifests)) return OCI_INDEX;
  if (isObject(json.config)) return OCI_MANIFEST;
  throw invalid(what, 'it has no media type and neither "manifests" nor "config"');
}

/**
 * Parses manifest bytes: an OCI image manifest or index, or a Docker schema 2 manifest or list.
 * Throws `ERR_MANIFEST_INVALID` for anything else (Docker schema 1 included).
 *
 * @example
 * ```ts
 * const { kind, manifest } = parseManifest(bytes, response.headers.get('content-type') ?? undefined);
 * if (kind === 'index') console.log(manifest.manifests.length);
 * ```
 */
export function parseManifest(bytes: Uint8Array, contentType?: string, what = 'manifest'): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    throw invalid(what, 'it is not UTF-8 JSON');
  }
  if (!isObject(json)) throw invalid(what, 'it is not a JSON object');
  if (json.schemaVersion !== 2)
    throw invalid(what, `schemaVersion is ${String(json.schemaVersion)}, only 2 is supported`);
  const mediaType = mediaTypeOf(json, contentType, what);
  if (json.annotations !== undefined && !isStringMap(json.annotations)) {
    throw invalid(what, 'annotations is not a map of strings');
  }
  if (json.subject !== undefined) parseDescriptor(json.subject, 'subject', what);
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(json.manifests)) throw invalid(what, 'an index needs a "manifests" array');
    json.manifests.forEach((d, i) => {
      parseDescriptor(d, `manifests[${i}]`, what);
    });
    return { kind: 'index', mediaType, manifest: json as unknown as ImageIndex };
  }
  if (MANIFEST_TYPES.has(mediaType)) {
    parseDescriptor(json.config, 'config', what);
    if (!Array.isArray(json.layers)) throw invalid(what, 'a manifest needs a "layers" array');
    json.layers.forEach((d, i) => {
      parseDescriptor(d, `layers[${i}]`, what);
    });
    return { kind: 'manifest', mediaType, manifest: json as unknown as ImageManifest };
  }
  throw invalid(what, `media type ${mediaType} is not supported`);
}
