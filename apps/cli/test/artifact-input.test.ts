import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { parseArtifactInput } from '../src/verification/artifact-input.js';

const HEX = 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201';
const nothingOnDisk = () => false;

describe('parseArtifactInput', () => {
  it('reads sha256:<64 hex> as a digest', () => {
    expect(parseArtifactInput(`sha256:${HEX}`, '/work', nothingOnDisk)).toEqual({
      kind: 'digest',
      digest: `sha256:${HEX}`,
    });
  });

  it('lowercases an uppercase hex digest', () => {
    expect(parseArtifactInput(`sha256:${HEX.toUpperCase()}`, '/work', nothingOnDisk)).toEqual({
      kind: 'digest',
      digest: `sha256:${HEX}`,
    });
  });

  it('reads a plain name as a path relative to the working directory', () => {
    expect(parseArtifactInput('dist/app.tgz', '/work', nothingOnDisk)).toEqual({
      kind: 'file',
      path: '/work/dist/app.tgz',
    });
  });

  it('reads a digest-shaped value that exists on disk as a path', () => {
    const onDisk = (path: string) => path === `/work/sha256:${HEX}`;
    expect(parseArtifactInput(`sha256:${HEX}`, '/work', onDisk)).toEqual({
      kind: 'file',
      path: `/work/sha256:${HEX}`,
    });
  });

  it('reads a sha256: value of the wrong length as a path', () => {
    expect(parseArtifactInput(`sha256:${HEX.slice(2)}`, '/work', nothingOnDisk)).toEqual({
      kind: 'file',
      path: `/work/sha256:${HEX.slice(2)}`,
    });
  });

  it('reads another algorithm prefix as a path', () => {
    expect(parseArtifactInput(`sha512:${HEX}`, '/w', nothingOnDisk).kind).toBe('file');
  });

  it('rejects a digest-length value that is not hex as a usage error', () => {
    const value = `sha256:${'z'.repeat(64)}`;
    expect(() => parseArtifactInput(value, '/work', nothingOnDisk)).toThrow(CliError);
  });
});
