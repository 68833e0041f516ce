import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { conformanceDir, readRealdataJson, realdataPath } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { parseBundle } from './parse.js';
import { parseBundleText } from './parse-text.js';
import { serializeBundle } from './serialize.js';
import type { Bundle } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: tests compare raw bundle JSON.
type Json = any;

const CONFORMANCE = 'conformance/test/assets/bundle-verify';

function realBundleFiles(): string[] {
  const root = realdataPath('bundles');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.sigstore(\.json)?$/.test(name))
    .map((name) => join(root, name));
  files.push(realdataPath('oci/cosign-oci-attestation-bundle/oci-attestation.sigstore.json'));
  const conformance = readdirSync(conformanceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.endsWith('_fail'))
    .map((entry) => join(conformanceDir, entry.name, 'bundle.sigstore.json'));
  return [...files, ...conformance].sort();
}

function roundTrip(bundle: Bundle): Bundle {
  return parseBundle(JSON.parse(JSON.stringify(serializeBundle(bundle))));
}

describe('serializeBundle round trip', () => {
  const files = realBundleFiles();

  it('covers the real bundles and the passing conformance cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    it(`parses, serializes and re-parses ${relative(realdataPath(), file)} to an equal model`, () => {
      const bundle = parseBundleText(readFileSync(file));
      expect(roundTrip(bundle)).toStrictEqual(bundle);
    });
  }
});

describe('serializeBundle output', () => {
  it('reproduces a canonical bundle field for field', () => {
    for (const name of [
      'happy-path-v0.3',
      'rekor2-happy-path',
      'happy-path-intoto-in-dsse-v3',
      'managed-key-happy-path',
    ]) {
      const json: Json = readRealdataJson(CONFORMANCE, name, 'bundle.sigstore.json');
      expect(serializeBundle(parseBundle(json))).toEqual(json);
    }
  });

  it('writes int64 fields as decimal strings', () => {
    const json = serializeBundle(
      parseBundle(readRealdataJson(CONFORMANCE, 'happy-path-v0.1', 'bundle.sigstore.json')),
    );
    const entry = json.verificationMaterial.tlogEntries?.[0];
    expect(entry?.logIndex).toBe('27246492');
    expect(entry?.integratedTime).toBe('1689177396');
    expect(entry?.inclusionProof?.treeSize).toBe('23083062');
  });

  it('leaves out a zero integrated time and absent optionals', () => {
    const json = serializeBundle(
      parseBundle(readRealdataJson(CONFORMANCE, 'rekor2-happy-path', 'bundle.sigstore.json')),
    );
    const entry = json.verificationMaterial.tlogEntries?.[0];
    expect(entry).not.toHaveProperty('integratedTime');
    expect(entry).not.toHaveProperty('inclusionPromise');
  });

  it('writes standard padded base64 whatever alphabet the input used', () => {
    const original: Json = readRealdataJson(CONFORMANCE, 'happy-path-v0.3', 'bundle.sigstore.json');
    const urlSafe = structuredClone(original);
    urlSafe.messageSignature.signature = original.messageSignature.signature
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(serializeBundle(parseBundle(urlSafe)).messageSignature?.signature).toBe(
      original.messageSignature.signature,
    );
  });

  it('keeps the public-key case even without a hint, and drops empty DSSE key ids', () => {
    const bundle: Bundle = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      version: '0.3',
      verificationMaterial: {
        content: { type: 'publicKey', hint: '' },
        tlogEntries: [],
        rfc3161Timestamps: [],
      },
      content: {
        type: 'dsseEnvelope',
        dsseEnvelope: {
          payload: Uint8Array.of(1),
          payloadType: 'text/plain',
          signatures: [{ sig: Uint8Array.of(2), keyid: '' }],
        },
      },
    };
    const json = serializeBundle(bundle);
    expect(json).toEqual({
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { publicKey: {} },
      dsseEnvelope: { payload: 'AQ==', payloadType: 'text/plain', signatures: [{ sig: 'Ag==' }] },
    });
  });

  it('writes the message digest before the signature, as protobuf-specs orders them', () => {
    const json = serializeBundle(
      parseBundle(readRealdataJson(CONFORMANCE, 'happy-path-v0.3', 'bundle.sigstore.json')),
    );
    expect(Object.keys(json.messageSignature ?? {})).toEqual(['messageDigest', 'signature']);
    expect(Object.keys(json.verificationMaterial.tlogEntries?.[0] ?? {})).toEqual([
      'logIndex',
      'logId',
      'kindVersion',
      'integratedTime',
      'inclusionPromise',
      'inclusionProof',
      'canonicalizedBody',
    ]);
  });
});
