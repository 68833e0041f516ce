import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { OciError } from '../errors.js';
import { DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from '../media-types.js';
import { parseManifest } from './parse.js';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const descriptor = { mediaType: 'application/octet-stream', digest: `sha256:${'c'.repeat(64)}`, size: 3 };

function errorOf(fn: () => unknown): OciError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OciError) return error;
  }
  throw new Error('expected an OciError');
}

describe('parseManifest', () => {
  it('reads a real Docker schema 2 manifest', () => {
    const parsed = parseManifest(readRealdata('oci/connaisseur-keyless-github-oauth/image-manifest.json'));
    expect(parsed.kind).toBe('manifest');
    expect(parsed.mediaType).toBe(DOCKER_MANIFEST);
  });

  it('reads a real OCI image index', () => {
    const parsed = parseManifest(readRealdata('oci/salrashid123-gha-keyless-index/image-index.json'));
    expect(parsed.kind === 'index' && parsed.manifest.manifests).toHaveLength(2);
  });

  it('takes the media type from Content-Type when the manifest has none', () => {
    const parsed = parseManifest(encode({ schemaVersion: 2, manifests: [] }), `${OCI_INDEX}; charset=utf-8`);
    expect(parsed.mediaType).toBe(OCI_INDEX);
  });

  it('infers an image manifest from its config when nothing names the type', () => {
    expect(parseManifest(encode({ schemaVersion: 2, config: descriptor, layers: [] })).mediaType).toBe(
      OCI_MANIFEST,
    );
  });

  it('refuses Docker schema 1', () => {
    expect(errorOf(() => parseManifest(encode({ schemaVersion: 1, name: 'x' }))).code).toBe(
      'ERR_MANIFEST_INVALID',
    );
  });

  it('refuses an unsupported media type', () => {
    const error = errorOf(() =>
      parseManifest(encode({ schemaVersion: 2, mediaType: 'text/plain', layers: [] })),
    );
    expect(error.message).toContain('media type text/plain is not supported');
  });

  it('refuses a layer with a malformed digest', () => {
    const bad = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: descriptor,
      layers: [{ ...descriptor, digest: 'sha256:zz' }],
    };
    expect(errorOf(() => parseManifest(encode(bad))).message).toContain('layers[0].digest');
  });

  it('refuses non-string annotations', () => {
    const bad = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: descriptor,
      layers: [{ ...descriptor, annotations: { a: 1 } }],
    };
    expect(errorOf(() => parseManifest(encode(bad))).message).toContain('annotations');
  });

  it('refuses bytes that are not JSON', () => {
    expect(errorOf(() => parseManifest(new Uint8Array([0xff, 0xfe]))).code).toBe('ERR_MANIFEST_INVALID');
  });
});
