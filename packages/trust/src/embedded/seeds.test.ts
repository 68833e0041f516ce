import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeBase64Strict, importSpki, X509Certificate } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { embeddedPublicGoodTrustedRoot, embeddedPublicGoodTufRoot, PUBLIC_GOOD_TUF_URL } from './seeds.js';

const committed = new URL('../../seeds/public-good.json', import.meta.url);

function decode(base64: string | undefined): Uint8Array {
  const bytes = base64 === undefined ? undefined : decodeBase64Strict(base64);
  if (!bytes) throw new Error('not base64');
  return bytes;
}

describe('embedded public-good seeds', () => {
  it('are byte-identical to the seeds of the @sigstore/tuf devDependency (run `pnpm seeds:update`)', () => {
    const upstream = createRequire(import.meta.url).resolve('@sigstore/tuf/seeds.json');
    expect(readFileSync(committed).equals(readFileSync(upstream))).toBe(true);
  });

  it('hold a TUF root.json for the public-good repository', () => {
    const root = JSON.parse(embeddedPublicGoodTufRoot().toString('utf8'));
    expect(root.signed._type).toBe('root');
    expect(root.signed.consistent_snapshot).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(committed, 'utf8')))).toEqual([PUBLIC_GOOD_TUF_URL]);
  });

  it('decode to a trusted root whose keys and certificates all parse', () => {
    const root = embeddedPublicGoodTrustedRoot();
    expect(root.mediaType).toBe('application/vnd.dev.sigstore.trustedroot+json;version=0.1');
    const logs = [...(root.tlogs ?? []), ...(root.ctlogs ?? [])];
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      expect(importSpki(decode(log.publicKey.rawBytes)).type).toBe('public');
    }
    const authorities = [...(root.certificateAuthorities ?? []), ...(root.timestampAuthorities ?? [])];
    expect(authorities.length).toBeGreaterThan(0);
    for (const authority of authorities) {
      for (const { rawBytes } of authority.certChain.certificates) {
        expect(X509Certificate.parse(decode(rawBytes)).subject).toBeTruthy();
      }
    }
    expect(root.tlogs?.map((log) => log.baseUrl)).toContain('https://rekor.sigstore.dev');
  });

  it('hand out a fresh object on each call', () => {
    const first = embeddedPublicGoodTrustedRoot();
    first.tlogs = [];
    expect(embeddedPublicGoodTrustedRoot().tlogs?.length).toBeGreaterThan(0);
  });
});
