import type { TrustedRootJson } from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { compositeTrustRoot } from './composite.js';
import { jsonTrustRoot } from './json.js';

const production = () => readRealdataJson<TrustedRootJson>('trust/production/trusted_root.json');
const custom = () =>
  readRealdataJson<TrustedRootJson>(
    'conformance/test/assets/bundle-verify/intoto-with-custom-trust-root/trusted_root.json',
  );
const count = (root: TrustedRootJson) => ({
  tlogs: root.tlogs?.length ?? 0,
  ctlogs: root.ctlogs?.length ?? 0,
  certificateAuthorities: root.certificateAuthorities?.length ?? 0,
  timestampAuthorities: root.timestampAuthorities?.length ?? 0,
});

describe('compositeTrustRoot', () => {
  it('trusts the logs and authorities of production plus a private trusted root', async () => {
    const [a, b] = [production(), custom()];
    const merged = await compositeTrustRoot([
      jsonTrustRoot(a, 'prod'),
      jsonTrustRoot(b, 'corp'),
    ]).getTrustedRoot();
    const [ca, cb] = [count(a), count(b)];
    expect(count(merged)).toEqual({
      tlogs: ca.tlogs + cb.tlogs,
      ctlogs: ca.ctlogs + cb.ctlogs,
      certificateAuthorities: ca.certificateAuthorities + cb.certificateAuthorities,
      timestampAuthorities: ca.timestampAuthorities + cb.timestampAuthorities,
    });
    expect(merged.tlogs?.slice(0, ca.tlogs)).toEqual(a.tlogs);
    expect(merged.timestampAuthorities).toEqual([
      ...(a.timestampAuthorities ?? []),
      ...(b.timestampAuthorities ?? []),
    ]);
    expect(merged.mediaType).toBe(a.mediaType);
  });

  it('lists identical entries once', async () => {
    const merged = await compositeTrustRoot([
      jsonTrustRoot(production()),
      jsonTrustRoot(production()),
    ]).getTrustedRoot();
    expect(count(merged)).toEqual(count(production()));
  });

  it('treats entries that differ only in key order as identical', async () => {
    const a = production();
    const reordered = production();
    reordered.tlogs = reordered.tlogs?.map(
      (log) => Object.fromEntries(Object.entries(log).reverse()) as typeof log,
    );
    const merged = await compositeTrustRoot([jsonTrustRoot(a), jsonTrustRoot(reordered)]).getTrustedRoot();
    expect(merged.tlogs).toHaveLength(a.tlogs?.length ?? 0);
  });

  it('keeps entries that differ in one field', async () => {
    const a = production();
    const other = production();
    const [first] = other.tlogs ?? [];
    if (!first) throw new Error('production has no tlogs');
    other.tlogs = [{ ...first, baseUrl: 'https://rekor.example.com' }];
    const merged = await compositeTrustRoot([jsonTrustRoot(a), jsonTrustRoot(other)]).getTrustedRoot();
    expect(merged.tlogs).toHaveLength((a.tlogs?.length ?? 0) + 1);
  });

  it('is named after its sources unless named', () => {
    const sources = [jsonTrustRoot(production(), 'prod'), jsonTrustRoot(custom(), 'corp')];
    expect(compositeTrustRoot(sources).name).toBe('composite(prod+corp)');
    expect(compositeTrustRoot(sources, 'mine').name).toBe('mine');
  });

  it('fails when a source fails', async () => {
    const failing = { name: 'broken', getTrustedRoot: () => Promise.reject(new Error('boom')) };
    await expect(compositeTrustRoot([jsonTrustRoot(production()), failing]).getTrustedRoot()).rejects.toThrow(
      'boom',
    );
  });

  it('needs at least one source', () => {
    expect(() => compositeTrustRoot([])).toThrow(
      expect.objectContaining({ code: 'ERR_TRUSTED_ROOT_NOT_FOUND' }),
    );
  });
});
