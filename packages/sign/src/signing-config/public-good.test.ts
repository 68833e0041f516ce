import { parseSigningConfig } from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { publicGoodSigningConfig, stagingSigningConfig } from './public-good.js';

const urls = (config: ReturnType<typeof parseSigningConfig>) => ({
  ca: config.caUrls.map((s) => s.url),
  oidc: config.oidcUrls.map((s) => s.url),
  tlog: config.rekorTlogUrls.map((s) => s.url),
  tsa: config.tsaUrls.map((s) => s.url),
});

describe('publicGoodSigningConfig', () => {
  it('names the services of the published production signing config', () => {
    const published = parseSigningConfig(readRealdataJson('trust/production/signing_config.v0.2.json'));
    expect(urls(publicGoodSigningConfig())).toEqual(urls(published));
  });

  it('has the same validity starts as the published config', () => {
    const published = parseSigningConfig(readRealdataJson('trust/production/signing_config.v0.2.json'));
    const starts = (c: typeof published) =>
      [...c.caUrls, ...c.oidcUrls, ...c.rekorTlogUrls, ...c.tsaUrls].map((s) => s.validFor.start?.getTime());
    expect(starts(publicGoodSigningConfig())).toEqual(starts(published));
  });
});

describe('stagingSigningConfig', () => {
  it("names staging's CA, issuer, Rekor v1 log and TSA", () => {
    const published = urls(parseSigningConfig(readRealdataJson('trust/staging/signing_config.v0.2.json')));
    const ours = urls(stagingSigningConfig());
    expect(ours).toEqual({ ...published, tlog: ['https://rekor.sigstage.dev'] });
  });
});
