import { describe, expect, it } from 'vitest';
import { fromHexStrict, toHex } from './hex.js';

describe('toHex', () => {
  it('writes lower-case hex of the view only', () => {
    expect(toHex(Uint8Array.from([0, 0xab, 0xff]))).toBe('00abff');
    expect(toHex(Uint8Array.from([1, 2, 3, 4]).subarray(1, 3))).toBe('0203');
  });
});

describe('fromHexStrict', () => {
  it('reads upper- and lower-case hex', () => {
    expect(fromHexStrict('00abFF')).toEqual(Buffer.from([0, 0xab, 0xff]));
    expect(fromHexStrict('')).toEqual(Buffer.alloc(0));
  });

  it('rejects odd lengths and non-hex characters', () => {
    for (const text of ['abc', 'zz', '0x00', 'ab cd', 'ab\n'])
      expect(fromHexStrict(text), text).toBeUndefined();
  });
});
