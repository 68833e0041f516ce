import {
  parseSigningConfig,
  type Service,
  SIGNING_CONFIG_MEDIA_TYPE,
  type SigningConfig,
} from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { SigningError } from '../errors.js';
import { selectSigningServices, usableServices } from './select.js';

const NOW = new Date('2026-03-01T00:00:00Z');

function service(
  url: string,
  majorApiVersion: number,
  operator = 'op',
  start = '2020-01-01T00:00:00Z',
  end?: string,
): Service {
  return {
    url,
    majorApiVersion,
    operator,
    validFor: { start: new Date(start), ...(end ? { end: new Date(end) } : {}) },
  };
}

function config(parts: Partial<SigningConfig>): SigningConfig {
  return {
    ...parseSigningConfig({ mediaType: SIGNING_CONFIG_MEDIA_TYPE }),
    caUrls: [service('https://ca', 1)],
    rekorTlogUrls: [service('https://rekor', 1)],
    ...parts,
  };
}

function refusal(run: () => unknown): SigningError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SigningError);
    return error as SigningError;
  }
  throw new Error('expected a SigningError');
}

describe('usableServices', () => {
  it('keeps services whose window holds now and whose API version is supported', () => {
    const services = [
      service('https://expired', 1, 'a', '2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
      service('https://future', 1, 'b', '2027-01-01T00:00:00Z'),
      service('https://v3', 3, 'c'),
      service('https://ok', 1, 'd'),
    ];
    expect(usableServices(services, [1, 2], NOW).map((s) => s.url)).toEqual(['https://ok']);
  });

  it("keeps each operator's highest API version, so a Rekor v2 shard wins over the same operator's v1 log", () => {
    const services = [
      service('https://rekor', 1, 'sigstore.dev'),
      service('https://log2026', 2, 'sigstore.dev'),
    ];
    expect(usableServices(services, [1, 2], NOW).map((s) => s.url)).toEqual(['https://log2026']);
  });

  it('keeps the first listed on a tie (signing configs list the newest shard first)', () => {
    const services = [service('https://new', 2, 'op'), service('https://old', 2, 'op')];
    expect(usableServices(services, [2], NOW).map((s) => s.url)).toEqual(['https://new']);
  });

  it('treats services without an operator as distinct', () => {
    const services = [service('https://a', 1, ''), service('https://b', 1, '')];
    expect(usableServices(services, [1], NOW)).toHaveLength(2);
  });
});

describe('selectSigningServices', () => {
  it('picks the public-good Fulcio, Rekor v1 and TSA from the production signing config', () => {
    const selected = selectSigningServices(
      parseSigningConfig(readRealdataJson('trust/production/signing_config.v0.2.json')),
      NOW,
    );
    expect({
      ca: selected.certificateAuthority.url,
      logs: selected.transparencyLogs.map((s) => s.url),
      tsas: selected.timestampAuthorities.map((s) => s.url),
    }).toEqual({
      ca: 'https://fulcio.sigstore.dev',
      logs: ['https://rekor.sigstore.dev'],
      tsas: ['https://timestamp.sigstore.dev/api/v1/timestamp'],
    });
  });

  it('picks the Rekor v2 shard once its window has started, and Rekor v1 before', () => {
    const json = parseSigningConfig(readRealdataJson('trust/production/signing_config_rekor_v2.v0.2.json'));
    expect(selectSigningServices(json, NOW).transparencyLogs.map((s) => s.url)).toEqual([
      'https://log2025-1.rekor.sigstore.dev',
    ]);
    expect(
      selectSigningServices(json, new Date('2025-12-31T00:00:00Z')).transparencyLogs.map((s) => s.url),
    ).toEqual(['https://rekor.sigstore.dev']);
  });

  it("picks staging's current v2 shard, not the expired ones", () => {
    const json = parseSigningConfig(readRealdataJson('trust/staging/signing_config.v0.2.json'));
    expect(selectSigningServices(json, NOW).transparencyLogs.map((s) => s.url)).toEqual([
      'https://log2025-alpha3.rekor.sigstage.dev',
    ]);
  });

  it('ALL takes every usable log, one per operator', () => {
    const selected = selectSigningServices(
      config({
        rekorTlogUrls: [
          service('https://a', 1, 'a'),
          service('https://b', 2, 'b'),
          service('https://b1', 1, 'b'),
        ],
        rekorTlogConfig: { selector: 'ALL' },
      }),
      NOW,
    );
    expect(selected.transparencyLogs.map((s) => s.url)).toEqual(['https://a', 'https://b']);
  });

  it('EXACT takes the first count, and refuses when fewer are usable', () => {
    const logs = [service('https://a', 1, 'a'), service('https://b', 1, 'b'), service('https://c', 1, 'c')];
    const exact2 = config({ rekorTlogUrls: logs, rekorTlogConfig: { selector: 'EXACT', count: 2 } });
    expect(selectSigningServices(exact2, NOW).transparencyLogs.map((s) => s.url)).toEqual([
      'https://a',
      'https://b',
    ]);
    const exact4 = config({ rekorTlogUrls: logs, rekorTlogConfig: { selector: 'EXACT', count: 4 } });
    expect(refusal(() => selectSigningServices(exact4, NOW)).message).toBe(
      'the signing config asks for exactly 4 transparency logs but only 3 are usable now',
    );
  });

  it('selects no TSA when none is listed, and refuses EXACT TSAs that are not there', () => {
    expect(selectSigningServices(config({}), NOW).timestampAuthorities).toEqual([]);
    const error = refusal(() =>
      selectSigningServices(config({ tsaConfig: { selector: 'EXACT', count: 1 } }), NOW),
    );
    expect(error.message).toBe(
      'the signing config asks for exactly 1 timestamp authority but only 0 are usable now',
    );
  });

  it('refuses a config without a usable CA', () => {
    const error = refusal(() => selectSigningServices(config({ caUrls: [service('https://ca', 2)] }), NOW));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'ERR_SIGNING_CONFIG',
      message:
        'the signing config lists no certificate authority usable at 2026-03-01T00:00:00.000Z (API v1, inside its validity window)',
    });
  });

  it('refuses a config without a usable log', () => {
    const error = refusal(() =>
      selectSigningServices(
        config({ rekorTlogUrls: [service('https://r', 1, 'o', '2027-01-01T00:00:00Z')] }),
        NOW,
      ),
    );
    expect(error.message).toMatch(/^the signing config lists no transparency log usable at/);
  });
});
