import { describe, expect, it } from 'vitest';
import { isLoopbackRedirectUri } from './loopback-redirect.js';

describe('isLoopbackRedirectUri', () => {
  it.each([
    'http://127.0.0.1:53121/auth/callback',
    'http://127.0.0.1/callback',
    'http://localhost:8080/',
    'http://[::1]:4000/cb?x=1',
  ])('accepts %s', (uri) => {
    expect(isLoopbackRedirectUri(uri)).toBe(true);
  });

  it.each([
    'https://127.0.0.1:53121/callback',
    'http://127.0.0.1.example.com/callback',
    'http://example.com:80/callback',
    'http://10.0.0.1:8080/callback',
    'http://user:pw@127.0.0.1:8080/callback',
    'http://127.0.0.1:8080/callback#frag',
    'not a url',
  ])('refuses %s', (uri) => {
    expect(isLoopbackRedirectUri(uri)).toBe(false);
  });
});
