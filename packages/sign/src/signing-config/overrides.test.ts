import { describe, expect, it } from 'vitest';
import { applyServiceOverrides } from './overrides.js';
import { publicGoodSigningConfig } from './public-good.js';
import { selectSigningServices } from './select.js';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('applyServiceOverrides', () => {
  it('replaces each overridden list with the one URL, usable now', () => {
    const config = applyServiceOverrides(
      publicGoodSigningConfig(),
      {
        fulcioUrl: 'https://ca.example',
        rekorUrl: 'https://log.example',
        timestampServerUrl: 'https://tsa.example/ts',
      },
      NOW,
    );
    const selected = selectSigningServices(config, NOW);
    expect({
      ca: selected.certificateAuthority.url,
      logs: selected.transparencyLogs.map((s) => [s.url, s.majorApiVersion]),
      tsas: selected.timestampAuthorities.map((s) => s.url),
    }).toEqual({
      ca: 'https://ca.example',
      logs: [['https://log.example', 1]],
      tsas: ['https://tsa.example/ts'],
    });
  });

  it('says which API a log URL speaks with rekorVersion', () => {
    const config = applyServiceOverrides(
      publicGoodSigningConfig(),
      { rekorUrl: 'https://l', rekorVersion: 2 },
      NOW,
    );
    expect(config.rekorTlogUrls.map((s) => s.majorApiVersion)).toEqual([2]);
  });

  it('keeps the lists that are not overridden', () => {
    const original = publicGoodSigningConfig();
    const config = applyServiceOverrides(original, { oidcIssuer: 'https://issuer.example' }, NOW);
    expect({ ca: config.caUrls, oidc: config.oidcUrls.map((s) => s.url) }).toEqual({
      ca: original.caUrls,
      oidc: ['https://issuer.example'],
    });
  });
});
