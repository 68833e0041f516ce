import { readdirSync } from 'node:fs';
import { conformanceDir, readRealdataJson, realdataPath } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { parseTrustedRoot } from './parse.js';
import { prepareTrustedRoot } from './prepared.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into trusted-root JSON freely to break it.
type Json = any;

const CONFORMANCE = 'conformance/test/assets/bundle-verify';
const PRODUCTION: Json = readRealdataJson('trust/production/trusted_root.json');
const STAGING: Json = readRealdataJson('trust/staging/trusted_root.json');

function mutate(edit: (json: Json) => void, base: Json = PRODUCTION): Json {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

function expectRefused(json: unknown, message: string): void {
  let error: unknown;
  try {
    parseTrustedRoot(json);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe('ERR_TRUSTED_ROOT_INVALID');
  expect((error as CoreError).message).toBe(message);
}

const realRoots = [
  'trust/production/trusted_root.json',
  'trust/staging/trusted_root.json',
  'oci/cosign-oci-attestation-bundle/trusted_root_pgi.json',
  ...readdirSync(conformanceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .filter((entry) => readdirSync(realdataPath(CONFORMANCE, entry.name)).includes('trusted_root.json'))
    .map((entry) => `${CONFORMANCE}/${entry.name}/trusted_root.json`),
];

describe('parseTrustedRoot on real trusted roots', () => {
  it('finds the conformance trusted roots', () => {
    expect(realRoots.length).toBeGreaterThan(30);
  });

  for (const path of realRoots) {
    it(`parses ${path} and prepares every key and certificate in it`, () => {
      const root = parseTrustedRoot(readRealdataJson(path));
      expect(root.tlogs.length).toBeGreaterThan(0);
      const prepared = prepareTrustedRoot(root);
      for (const ca of [...prepared.certificateAuthorities, ...prepared.timestampAuthorities]) {
        expect(ca.certificates.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('parseTrustedRoot', () => {
  it('decodes logs with their keys, ids and validity windows', () => {
    const root = parseTrustedRoot(PRODUCTION);
    const rekor = root.tlogs.find((log) => log.baseUrl === 'https://rekor.sigstore.dev');
    expect(rekor?.hashAlgorithm).toBe('SHA2_256');
    expect(rekor?.publicKey.keyDetails).toBe('PKIX_ECDSA_P256_SHA_256');
    expect(rekor?.publicKey.validFor.start).toEqual(new Date('2021-01-12T11:53:27Z'));
    expect(rekor?.publicKey.validFor.end).toBeUndefined();
    expect(Buffer.from(rekor?.logId.keyId ?? []).toString('base64')).toBe(
      'wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=',
    );
    expect(prepareTrustedRoot(root).tlogs.every((log) => log.key !== undefined)).toBe(true);
  });

  it('decodes certificate authorities with subject, chain and window', () => {
    const root = parseTrustedRoot(PRODUCTION);
    const [first] = root.certificateAuthorities;
    expect(first?.subject).toEqual({ organization: 'sigstore.dev', commonName: 'sigstore' });
    expect(first?.uri).toBe('https://fulcio.sigstore.dev');
    expect(first?.certChain[0]?.[0]).toBe(0x30);
    expect(first?.validFor.start).toEqual(new Date('2021-03-07T03:20:29Z'));
    expect(first?.validFor.end).toEqual(new Date(PRODUCTION.certificateAuthorities[0].validFor.end));
    expect(root.timestampAuthorities[0]?.certChain).toHaveLength(2);
  });

  it('accepts both trusted root media types', () => {
    expect(parseTrustedRoot(PRODUCTION).mediaType).toBe(
      'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    );
    const v02 = mutate((r) => (r.mediaType = 'application/vnd.dev.sigstore.trustedroot.v0.2+json'));
    expect(parseTrustedRoot(v02).mediaType).toBe('application/vnd.dev.sigstore.trustedroot.v0.2+json');
  });

  it('refuses another media type', () => {
    expectRefused(
      mutate((r) => (r.mediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json')),
      'trustedRoot.mediaType: unsupported trusted root media type "application/vnd.dev.sigstore.bundle.v0.3+json"; ' +
        'expected one of application/vnd.dev.sigstore.trustedroot+json;version=0.1, application/vnd.dev.sigstore.trustedroot.v0.2+json',
    );
    expectRefused(
      mutate((r) => delete r.mediaType),
      'trustedRoot.mediaType: is required',
    );
  });

  it('keeps a window without a start as undefined instead of failing', () => {
    const json: Json = readRealdataJson(
      CONFORMANCE,
      'trust-root-tlog-missing-validity-start_fail',
      'trusted_root.json',
    );
    const root = parseTrustedRoot(json);
    const log = root.tlogs.find(
      (l) => Buffer.from(l.logId.keyId).toString('base64') === '8w1amZ2S5mJIQkQmPxdMuOrL/oJkvFg9MnQXmeOCXck=',
    );
    expect(log).toBeDefined();
    expect(log?.publicKey.validFor).toEqual({});
    expect(root.tlogs.filter((l) => l !== log).every((l) => l.publicKey.validFor.start instanceof Date)).toBe(
      true,
    );
  });

  it('takes an absent validFor as an empty window', () => {
    const root = parseTrustedRoot(mutate((r) => delete r.tlogs[0].publicKey.validFor));
    expect(root.tlogs[0]?.publicKey.validFor).toEqual({});
  });

  it('defaults absent lists to empty', () => {
    const root = parseTrustedRoot({ mediaType: PRODUCTION.mediaType });
    expect(root).toEqual({
      mediaType: PRODUCTION.mediaType,
      tlogs: [],
      certificateAuthorities: [],
      ctlogs: [],
      timestampAuthorities: [],
    });
  });

  it('treats null fields as absent', () => {
    const json: Json = readRealdataJson(
      CONFORMANCE,
      'trust-root-tlog-validity-end-inclusive',
      'trusted_root.json',
    );
    expect(json.tlogs[0].checkpointKeyId).toBeNull();
    const root = parseTrustedRoot(json);
    expect(root.tlogs[0]?.checkpointKeyId).toBeUndefined();
    expect(root.tlogs[0]?.operator).toBeUndefined();
    expect(root.timestampAuthorities[0]?.validFor.end).toBeUndefined();
  });

  it('accepts a log key given only by its id (no raw bytes)', () => {
    const root = parseTrustedRoot(mutate((r) => delete r.tlogs[0].publicKey.rawBytes, STAGING));
    expect(root.tlogs[0]?.publicKey.rawBytes).toHaveLength(0);
    expect(prepareTrustedRoot(root).tlogs[0]?.key).toBeUndefined();
  });

  it('reads the checkpoint key id and operator when present', () => {
    const root = parseTrustedRoot(
      mutate((r) => {
        r.tlogs[0].checkpointKeyId = { keyId: 'AQID' };
        r.tlogs[0].operator = 'sigstore.dev';
      }),
    );
    expect(root.tlogs[0]?.checkpointKeyId?.keyId).toEqual(Buffer.from([1, 2, 3]));
    expect(root.tlogs[0]?.operator).toBe('sigstore.dev');
  });

  it('parses fractional seconds and offsets in times', () => {
    const root = parseTrustedRoot(
      mutate((r) => {
        r.tlogs[0].publicKey.validFor = {
          start: '2022-04-13T20:06:15.123456789Z',
          end: '2022-04-13T22:06:15+02:00',
        };
      }),
    );
    expect(root.tlogs[0]?.publicKey.validFor.start).toEqual(new Date('2022-04-13T20:06:15.123Z'));
    expect(root.tlogs[0]?.publicKey.validFor.end).toEqual(new Date('2022-04-13T20:06:15Z'));
  });

  it('refuses a time that is not RFC 3339', () => {
    expectRefused(
      mutate((r) => (r.ctlogs[0].publicKey.validFor.start = '2021-02-30T00:00:00Z')),
      'trustedRoot.ctlogs[0].publicKey.validFor.start: must be an RFC 3339 time such as 2025-01-31T12:00:00Z (got "2021-02-30T00:00:00Z")',
    );
    expectRefused(
      mutate((r) => (r.certificateAuthorities[1].validFor.start = 1615000000)),
      'trustedRoot.certificateAuthorities[1].validFor.start: must be a string',
    );
  });

  it('refuses bad bytes, names the field', () => {
    expectRefused(
      mutate((r) => (r.tlogs[1].logId.keyId = '!!')),
      'trustedRoot.tlogs[1].logId.keyId: must be base64',
    );
    expectRefused(
      mutate((r) => (r.timestampAuthorities[0].certChain.certificates[1].rawBytes = '')),
      'trustedRoot.timestampAuthorities[0].certChain.certificates[1].rawBytes: must not be empty',
    );
  });

  it('refuses an authority without certificates', () => {
    expectRefused(
      mutate((r) => (r.certificateAuthorities[0].certChain.certificates = [])),
      'trustedRoot.certificateAuthorities[0].certChain.certificates: must not be empty',
    );
    expectRefused(
      mutate((r) => delete r.certificateAuthorities[0].certChain),
      'trustedRoot.certificateAuthorities[0].certChain: is required',
    );
  });

  it('refuses a log without a known hash algorithm, key or id', () => {
    expectRefused(
      mutate((r) => (r.tlogs[0].hashAlgorithm = 'MD5')),
      'trustedRoot.tlogs[0].hashAlgorithm: must be one of SHA2_256, SHA2_384, SHA2_512, SHA3_256, SHA3_384',
    );
    expectRefused(
      mutate((r) => delete r.tlogs[0].publicKey),
      'trustedRoot.tlogs[0].publicKey: is required',
    );
    expectRefused(
      mutate((r) => delete r.ctlogs[0].logId),
      'trustedRoot.ctlogs[0].logId: is required',
    );
  });

  it('refuses values of the wrong JSON type', () => {
    expectRefused([], 'trustedRoot: must be an object');
    expectRefused(
      mutate((r) => (r.tlogs = {})),
      'trustedRoot.tlogs: must be an array',
    );
    expectRefused(
      mutate((r) => (r.ctlogs[1] = 'log')),
      'trustedRoot.ctlogs[1]: must be an object',
    );
    expectRefused(
      mutate((r) => (r.certificateAuthorities[0].subject = 'sigstore')),
      'trustedRoot.certificateAuthorities[0].subject: must be an object',
    );
  });
});
