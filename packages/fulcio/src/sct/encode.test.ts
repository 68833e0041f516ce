import { toHex } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { conformanceLeaf } from '../../test/realdata.js';
import { encodeSctList } from '../../test/synthetic.js';
import { encodeSct, sctListExtensionValue } from './encode.js';
import { embeddedScts, parseSctList } from './parse.js';
import type { SignedCertificateTimestamp } from './types.js';

const SCT: SignedCertificateTimestamp = {
  version: 0,
  logId: new Uint8Array(32).fill(7),
  timestamp: 1_750_000_000_123,
  extensions: Uint8Array.of(0, 1, 2),
  hashAlgorithm: 4,
  signatureAlgorithm: 3,
  signature: new Uint8Array(71).fill(9),
};

describe('sctListExtensionValue', () => {
  it('is read back by parseSctList, field for field', () => {
    const [parsed] = parseSctList(sctListExtensionValue([SCT]));
    expect({
      ...parsed,
      logId: [...parsed!.logId],
      extensions: [...parsed!.extensions],
      signature: [...parsed!.signature],
    }).toEqual({
      ...SCT,
      logId: [...SCT.logId],
      extensions: [...SCT.extensions],
      signature: [...SCT.signature],
    });
  });

  it('re-encodes the SCT list of a real certificate byte for byte', () => {
    const leaf = conformanceLeaf('bundle-with-sct-with-extensions');
    const original = leaf.extension('1.3.6.1.4.1.11129.2.4.2')!.value;
    expect(toHex(sctListExtensionValue(embeddedScts(leaf)))).toBe(toHex(original));
  });

  it('agrees with the test suite’s own encoder for several SCTs', () => {
    const second = { ...SCT, timestamp: SCT.timestamp + 1, extensions: new Uint8Array(0) };
    expect(toHex(sctListExtensionValue([SCT, second]))).toBe(
      toHex(encodeSctList([encodeSct(SCT), encodeSct(second)])),
    );
  });

  it('refuses a log id that is not 32 bytes', () => {
    expect(() => encodeSct({ ...SCT, logId: new Uint8Array(31) })).toThrowError(
      expect.objectContaining({ code: 'ERR_SCT_MALFORMED' }),
    );
  });
});
