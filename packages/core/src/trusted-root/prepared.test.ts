import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { parseTrustedRoot } from './parse.js';
import { findLogs, prepareLog, prepareTrustedRoot } from './prepared.js';

const PRODUCTION = parseTrustedRoot(readRealdataJson('trust/production/trusted_root.json'));

describe('prepareTrustedRoot', () => {
  it('imports every log key and parses every authority chain of the production root', () => {
    const prepared = prepareTrustedRoot(PRODUCTION);
    expect(prepared.tlogs.every((log) => log.key !== undefined)).toBe(true);
    expect(prepared.ctlogs.every((log) => log.key !== undefined)).toBe(true);
    expect(prepared.certificateAuthorities.flatMap((ca) => ca.certificates).length).toBeGreaterThan(1);
    expect(prepared.timestampAuthorities[0]?.certificates[0]?.extKeyUsage).toContain('1.3.6.1.5.5.7.3.8');
  });

  it('finds a log by its id', () => {
    const prepared = prepareTrustedRoot(PRODUCTION);
    const logId = Buffer.from('wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=', 'base64');
    const [rekor] = findLogs(prepared.tlogs, logId);
    expect(rekor?.baseUrl).toBe('https://rekor.sigstore.dev');
    expect(rekor?.hash).toBe('sha256');
    expect(findLogs(prepared.tlogs, new Uint8Array(32))).toEqual([]);
  });

  it('leaves the key undefined when the raw bytes are not a usable key', () => {
    const [first] = PRODUCTION.tlogs;
    if (!first) throw new Error('the production root has tlogs');
    const broken = { ...first, publicKey: { ...first.publicKey, rawBytes: Uint8Array.of(1, 2, 3) } };
    expect(prepareLog(broken).key).toBeUndefined();
    expect(
      prepareLog({ ...first, publicKey: { ...first.publicKey, rawBytes: new Uint8Array(0) } }).key,
    ).toBeUndefined();
  });
});
