import { parseSigningConfig } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { assembleSigningConfig } from './signing-config.js';
import { serviceUrls } from './urls.js';

const START = '2026-01-01T00:00:00.000Z';
const config = assembleSigningConfig(serviceUrls('http://127.0.0.1:5555'), {
  oidc: START,
  fulcio: START,
  rekor: START,
  rekorV2: START,
  tsa: START,
});

describe('assembleSigningConfig', () => {
  it('is a SigningConfig v0.2 the core parser accepts', () => {
    expect(parseSigningConfig(config).mediaType).toBe('application/vnd.dev.sigstore.signingconfig.v0.2+json');
  });

  it('lists Rekor v2 (API 2) before Rekor v1 (API 1)', () => {
    expect(config.rekorTlogUrls.map((s) => [s.url, s.majorApiVersion])).toEqual([
      ['http://127.0.0.1:5555/rekor-v2', 2],
      ['http://127.0.0.1:5555/rekor', 1],
    ]);
  });

  it('names the full timestamping endpoint of the TSA', () => {
    expect(config.tsaUrls[0]?.url).toBe('http://127.0.0.1:5555/tsa/api/v1/timestamp');
  });

  it('needs any one log and any one TSA', () => {
    expect([config.rekorTlogConfig, config.tsaConfig]).toEqual([{ selector: 'ANY' }, { selector: 'ANY' }]);
  });
});
