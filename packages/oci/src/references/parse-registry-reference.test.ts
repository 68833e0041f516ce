import { describe, expect, it } from 'vitest';
import { OciError } from '../errors.js';
import { parseRegistryReference } from './parse-registry-reference.js';

const HEX = 'a'.repeat(64);

function code(input: string): string | undefined {
  try {
    parseRegistryReference(input);
    return undefined;
  } catch (error) {
    return error instanceof OciError ? error.code : 'not an OciError';
  }
}

describe('parseRegistryReference', () => {
  it('puts a bare name on Docker Hub under library/ with tag latest', () => {
    expect(parseRegistryReference('alpine')).toEqual({
      kind: 'registry',
      registry: 'index.docker.io',
      repository: 'library/alpine',
      tag: 'latest',
    });
  });

  it('keeps a Docker Hub user repository without library/', () => {
    expect(parseRegistryReference('phbelitz/rekor-test:v1')).toMatchObject({
      registry: 'index.docker.io',
      repository: 'phbelitz/rekor-test',
      tag: 'v1',
    });
  });

  it('normalizes docker.io and index.docker.io to index.docker.io', () => {
    expect(parseRegistryReference('docker.io/nginx').registry).toBe('index.docker.io');
    expect(parseRegistryReference('index.docker.io/library/nginx').repository).toBe('library/nginx');
  });

  it('reads a registry host with a port', () => {
    expect(parseRegistryReference('localhost:5000/team/app:1.0')).toEqual({
      kind: 'registry',
      registry: 'localhost:5000',
      repository: 'team/app',
      tag: '1.0',
    });
  });

  it('treats localhost without a port as a registry', () => {
    expect(parseRegistryReference('localhost/app').registry).toBe('localhost');
  });

  it('reads an IP address registry', () => {
    expect(parseRegistryReference('127.0.0.1:5000/app').registry).toBe('127.0.0.1:5000');
  });

  it('keeps a digest and sets no default tag', () => {
    const ref = parseRegistryReference(`ghcr.io/acme/app@sha256:${HEX}`);
    expect(ref.digest).toBe(`sha256:${HEX}`);
    expect(ref.tag).toBeUndefined();
  });

  it('keeps both tag and digest', () => {
    expect(parseRegistryReference(`ghcr.io/acme/app:1.0@sha256:${HEX}`)).toMatchObject({
      tag: '1.0',
      digest: `sha256:${HEX}`,
    });
  });

  it('lower-cases the registry host', () => {
    expect(parseRegistryReference('GHCR.io/acme/app').registry).toBe('ghcr.io');
  });

  it.each([
    ['', 'empty'],
    ['Alpine', 'upper-case repository'],
    ['ghcr.io/acme/App', 'upper-case path'],
    ['app:', 'empty tag'],
    ['app:-bad', 'tag starting with -'],
    [`app@sha256:${'A'.repeat(64)}`, 'upper-case digest hex'],
    ['app@sha256:abc', 'short digest'],
    [`app@md5:${HEX}`, 'unknown digest algorithm'],
    ['ghcr.io//app', 'empty path component'],
    ['ghcr.io/acme/app name', 'whitespace'],
    [`ghcr.io/${'a'.repeat(260)}`, 'too long'],
    ['exa_mple.com:5000/app', 'bad host'],
  ])('refuses %j (%s) with ERR_REFERENCE_INVALID', (input) => {
    expect(code(input)).toBe('ERR_REFERENCE_INVALID');
  });
});
