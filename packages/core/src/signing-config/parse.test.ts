import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { parseSigningConfig } from './parse.js';
import { SIGNING_CONFIG_MEDIA_TYPE } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into signing-config JSON freely to break it.
type Json = any;

const PRODUCTION: Json = readRealdataJson('trust/production/signing_config.v0.2.json');

function mutate(edit: (json: Json) => void): Json {
  const copy = structuredClone(PRODUCTION);
  edit(copy);
  return copy;
}

function expectRefused(json: unknown, message: string): void {
  let error: unknown;
  try {
    parseSigningConfig(json);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe('ERR_SIGNING_CONFIG_INVALID');
  expect((error as CoreError).message).toBe(message);
}

describe('parseSigningConfig on real signing configs', () => {
  for (const path of [
    'trust/production/signing_config.v0.2.json',
    'trust/production/signing_config_rekor_v2.v0.2.json',
    'trust/staging/signing_config.v0.2.json',
  ]) {
    it(`parses ${path}`, () => {
      const config = parseSigningConfig(readRealdataJson(path));
      expect(config.caUrls.length).toBeGreaterThan(0);
      expect(config.rekorTlogUrls.length).toBeGreaterThan(0);
      expect(config.rekorTlogConfig.selector).toBe('ANY');
    });
  }

  it('refuses the v0.1 layout with a pointer to v0.2', () => {
    expectRefused(
      readRealdataJson('trust/production/signing_config.v0.1.json'),
      'signingConfig.mediaType: unsupported signing config media type "application/vnd.dev.sigstore.signingconfig.v0.1+json"; ' +
        `expected ${SIGNING_CONFIG_MEDIA_TYPE}`,
    );
  });
});

describe('parseSigningConfig', () => {
  it('reads each service with its API version, window and operator', () => {
    const config = parseSigningConfig(PRODUCTION);
    expect(config.caUrls).toEqual([
      {
        url: 'https://fulcio.sigstore.dev',
        majorApiVersion: 1,
        validFor: { start: new Date('2022-04-13T20:06:15.000Z') },
        operator: 'sigstore.dev',
      },
    ]);
    expect(config.tsaUrls[0]?.url).toBe('https://timestamp.sigstore.dev/api/v1/timestamp');
    expect(config.tsaConfig).toEqual({ selector: 'ANY' });
  });

  it('keeps Rekor v1 and v2 services apart by their major API version', () => {
    const config = parseSigningConfig(readRealdataJson('trust/staging/signing_config.v0.2.json'));
    const byUrl = Object.fromEntries(
      config.rekorTlogUrls.map((service) => [service.url, service.majorApiVersion]),
    );
    expect(byUrl['https://log2025-alpha3.rekor.sigstage.dev']).toBe(2);
    expect(byUrl['https://rekor.sigstage.dev']).toBe(1);
  });

  it('defaults absent lists to empty and absent selectors to ANY', () => {
    expect(parseSigningConfig({ mediaType: SIGNING_CONFIG_MEDIA_TYPE })).toEqual({
      mediaType: SIGNING_CONFIG_MEDIA_TYPE,
      caUrls: [],
      oidcUrls: [],
      rekorTlogUrls: [],
      rekorTlogConfig: { selector: 'ANY' },
      tsaUrls: [],
      tsaConfig: { selector: 'ANY' },
    });
  });

  it('reads an EXACT selector with its count', () => {
    const config = parseSigningConfig(mutate((c) => (c.rekorTlogConfig = { selector: 'EXACT', count: 2 })));
    expect(config.rekorTlogConfig).toEqual({ selector: 'EXACT', count: 2 });
  });

  it('refuses EXACT without a positive count', () => {
    expectRefused(
      mutate((c) => (c.tsaConfig = { selector: 'EXACT' })),
      'signingConfig.tsaConfig.count: is required',
    );
    expectRefused(
      mutate((c) => (c.tsaConfig = { selector: 'EXACT', count: 0 })),
      'signingConfig.tsaConfig.count: must be at least 1',
    );
  });

  it('refuses an unknown selector', () => {
    expectRefused(
      mutate((c) => (c.rekorTlogConfig.selector = 'SERVICE_SELECTOR_UNDEFINED')),
      'signingConfig.rekorTlogConfig.selector: must be one of ALL, ANY, EXACT',
    );
  });

  it('refuses a service without a URL or a major API version', () => {
    expectRefused(
      mutate((c) => delete c.caUrls[0].url),
      'signingConfig.caUrls[0].url: is required',
    );
    expectRefused(
      mutate((c) => delete c.oidcUrls[0].majorApiVersion),
      'signingConfig.oidcUrls[0].majorApiVersion: is required',
    );
    expectRefused(
      mutate((c) => (c.rekorTlogUrls[0].majorApiVersion = -1)),
      'signingConfig.rekorTlogUrls[0].majorApiVersion: must be a non-negative 32-bit integer',
    );
  });

  it('accepts a uint32 written as a string', () => {
    const config = parseSigningConfig(mutate((c) => (c.caUrls[0].majorApiVersion = '1')));
    expect(config.caUrls[0]?.majorApiVersion).toBe(1);
  });

  it('refuses a validity time that is not RFC 3339', () => {
    expectRefused(
      mutate((c) => (c.tsaUrls[0].validFor.start = 'yesterday')),
      'signingConfig.tsaUrls[0].validFor.start: must be an RFC 3339 time such as 2025-01-31T12:00:00Z (got "yesterday")',
    );
  });

  it('refuses values of the wrong JSON type', () => {
    expectRefused('config', 'signingConfig: must be an object');
    expectRefused(
      mutate((c) => (c.caUrls = 'https://fulcio.sigstore.dev')),
      'signingConfig.caUrls: must be an array',
    );
  });
});
