import { describe, expect, it } from 'vitest';
import { registryBaseUrl } from './base-url.js';

describe('registryBaseUrl', () => {
  it('uses HTTPS for a remote registry', () => {
    expect(registryBaseUrl('ghcr.io', false)).toBe('https://ghcr.io');
  });

  it('uses plain HTTP for loopback registries', () => {
    expect(registryBaseUrl('localhost:5000', false)).toBe('http://localhost:5000');
    expect(registryBaseUrl('127.0.0.1:5000', false)).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('[::1]:5000', false)).toBe('http://[::1]:5000');
  });

  it('uses plain HTTP off loopback only when allowed', () => {
    expect(registryBaseUrl('registry.internal:5000', true)).toBe('http://registry.internal:5000');
  });
});
