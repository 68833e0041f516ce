import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { parseBundle } from './parse.js';
import { DEFAULT_MAX_BUNDLE_BYTES, parseBundleText } from './parse-text.js';

const HAPPY = readRealdata('conformance/test/assets/bundle-verify/happy-path-v0.3/bundle.sigstore.json');

function errorOf(run: () => unknown): CoreError {
  try {
    run();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('parseBundleText', () => {
  it('parses bytes and text to the same model as parseBundle', () => {
    const expected = parseBundle(JSON.parse(HAPPY.toString('utf8')));
    expect(parseBundleText(HAPPY)).toEqual(expected);
    expect(parseBundleText(HAPPY.toString('utf8'))).toEqual(expected);
  });

  it('skips a UTF-8 byte order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), HAPPY]);
    expect(parseBundleText(withBom).version).toBe('0.3');
    expect(parseBundleText(`\ufeff${HAPPY.toString('utf8')}`).version).toBe('0.3');
  });

  it('refuses malformed JSON with a one-line message', () => {
    const error = errorOf(() => parseBundleText('{"mediaType": \n'));
    expect(error.code).toBe('ERR_BUNDLE_INVALID');
    expect(error.message).toMatch(/^bundle is not valid JSON: /);
    expect(error.message).not.toContain('\n');
  });

  it('refuses bytes that are not UTF-8', () => {
    const error = errorOf(() => parseBundleText(Uint8Array.from([0x7b, 0xff, 0x7d])));
    expect(error.code).toBe('ERR_BUNDLE_INVALID');
    expect(error.message).toBe('bundle is not valid UTF-8');
  });

  it('has a 16 MiB default limit', () => {
    expect(DEFAULT_MAX_BUNDLE_BYTES).toBe(16 * 1024 * 1024);
  });

  it('refuses input over the limit before parsing it, for bytes and for text', () => {
    const error = errorOf(() => parseBundleText(HAPPY, { maxBytes: 100 }));
    expect(error.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(error.message).toBe(
      `bundle is ${HAPPY.length} bytes, over the 100-byte limit (raise maxBytes if it is genuine)`,
    );
    expect(errorOf(() => parseBundleText(HAPPY.toString('utf8'), { maxBytes: 100 })).code).toBe(
      'ERR_INPUT_TOO_LARGE',
    );
  });

  it('counts UTF-8 bytes, not characters, for text', () => {
    // 40 three-byte characters: 40 UTF-16 code units, 120 UTF-8 bytes.
    const text = `"${'\u20ac'.repeat(40)}"`;
    expect(errorOf(() => parseBundleText(text, { maxBytes: 100 })).code).toBe('ERR_INPUT_TOO_LARGE');
    expect(errorOf(() => parseBundleText(text, { maxBytes: 200 })).code).toBe('ERR_BUNDLE_INVALID');
  });

  it('refuses a bundle over 16 MiB quickly, without parsing it', () => {
    const big = Buffer.alloc(DEFAULT_MAX_BUNDLE_BYTES + 1, 0x20);
    const bigText = ' '.repeat(DEFAULT_MAX_BUNDLE_BYTES + 1);
    const started = performance.now();
    expect(errorOf(() => parseBundleText(big)).code).toBe('ERR_INPUT_TOO_LARGE');
    expect(errorOf(() => parseBundleText(bigText)).code).toBe('ERR_INPUT_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('accepts input exactly at the limit', () => {
    expect(parseBundleText(HAPPY, { maxBytes: HAPPY.length }).version).toBe('0.3');
  });
});
