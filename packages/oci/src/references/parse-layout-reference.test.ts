import { describe, expect, it } from 'vitest';
import { OciError } from '../errors.js';
import { formatReference, repositoryName, withDigest } from './format.js';
import { parseLayoutReference } from './parse-layout-reference.js';
import { parseImageReference } from './parse-reference.js';
import { parseRegistryReference } from './parse-registry-reference.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;

describe('parseLayoutReference', () => {
  it('reads a path alone', () => {
    expect(parseLayoutReference('oci:./build/image')).toEqual({ kind: 'layout', path: './build/image' });
  });

  it('reads a tag after the last path segment', () => {
    expect(parseLayoutReference('oci:/tmp/layout:v1')).toEqual({
      kind: 'layout',
      path: '/tmp/layout',
      tag: 'v1',
    });
  });

  it('reads a digest', () => {
    expect(parseLayoutReference(`oci:dir@${DIGEST}`)).toEqual({
      kind: 'layout',
      path: 'dir',
      digest: DIGEST,
    });
  });

  it('keeps a colon inside a directory name when a tag follows', () => {
    expect(parseLayoutReference('oci:/tmp/a:b/layout:v2')).toEqual({
      kind: 'layout',
      path: '/tmp/a:b/layout',
      tag: 'v2',
    });
  });

  it('refuses an empty path', () => {
    expect(() => parseLayoutReference('oci::v1')).toThrow(OciError);
  });

  it('refuses a malformed digest', () => {
    expect(() => parseLayoutReference('oci:dir@sha256:xyz')).toThrow(/digest/);
  });
});

describe('parseImageReference', () => {
  it('sends oci: to the layout parser and the rest to the registry parser', () => {
    expect(parseImageReference('oci:dir').kind).toBe('layout');
    expect(parseImageReference('alpine').kind).toBe('registry');
  });
});

describe('formatReference', () => {
  it('writes a registry reference with tag', () => {
    expect(formatReference(parseRegistryReference('alpine'))).toBe('index.docker.io/library/alpine:latest');
  });

  it('writes a layout reference with digest', () => {
    expect(formatReference(parseLayoutReference(`oci:dir@${DIGEST}`))).toBe(`oci:dir@${DIGEST}`);
  });

  it('pins a reference to a digest, dropping the tag', () => {
    expect(formatReference(withDigest(parseRegistryReference('ghcr.io/acme/app:1.0'), DIGEST))).toBe(
      `ghcr.io/acme/app@${DIGEST}`,
    );
  });

  it('names the repository as cosign records it', () => {
    expect(repositoryName(parseRegistryReference('nginx:1'))).toBe('index.docker.io/library/nginx');
  });
});
