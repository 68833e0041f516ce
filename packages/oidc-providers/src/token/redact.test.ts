import { describe, expect, it } from 'vitest';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { isJwtShaped } from './jwt-shape.js';
import { redactTokens, safeLine } from './redact.js';

describe('redactTokens', () => {
  it('replaces every JWT in a text', () => {
    const token = fakeJwt();
    expect(redactTokens(`got ${token} and ${token}.`)).toBe('got [redacted token] and [redacted token].');
  });
});

describe('safeLine', () => {
  it('flattens control characters and newlines to one line', () => {
    expect(safeLine('error:\n\u001b[31mred\r\nmore')).toBe('error: [31mred more');
  });

  it('cuts long text', () => {
    expect(safeLine('x'.repeat(300), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});

describe('isJwtShaped', () => {
  it('accepts a compact JWS whose header is JSON', () => {
    expect(isJwtShaped(fakeJwt())).toBe(true);
  });

  it('refuses a path, and three parts whose header is not JSON', () => {
    expect(isJwtShaped('./token.jwt')).toBe(false);
    expect(isJwtShaped('abc.def.ghi')).toBe(false);
  });
});
