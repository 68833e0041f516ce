import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import type { RekorV1LogEntry } from '../v1/log-entry.js';
import { canonicalJson } from './canonical-json.js';
import { canonicalizeProposedEntry } from './v1/proposed-entry.js';
import { canonicalizeCreateRequest } from './v2/create-request.js';

/** The canonicalized body of a real entry, as bytes and as JSON. */
function realV1Body(name: string) {
  const response = readRealdataJson<Record<string, RekorV1LogEntry>>('rekor/api-responses', name);
  const body = Buffer.from(Object.values(response)[0]!.body, 'base64');
  return { body, json: JSON.parse(body.toString()) };
}

function bundleEntryBody(name: string) {
  const bundle = JSON.parse(readFileSync(join(conformanceDir, name, 'bundle.sigstore.json'), 'utf8'));
  const body = Buffer.from(bundle.verificationMaterial.tlogEntries[0].canonicalizedBody, 'base64');
  return { bundle, body, json: JSON.parse(body.toString()) };
}

describe('canonical bodies', () => {
  it.each(['prod-hashedrekord-logIndex18624203.json', 'staging-hashedrekord-logIndex1688.json'])(
    'rebuilds the real hashedrekord 0.0.1 body of %s byte for byte',
    (name) => {
      const { body, json } = realV1Body(name);
      // The stored body has exactly the fields of a proposal, so it can be proposed again.
      expect(canonicalizeProposedEntry(json).body).toEqual(body);
    },
  );

  it('rebuilds the payload hash and signatures of a real dsse 0.0.1 body', () => {
    const { bundle, json } = bundleEntryBody('happy-path-intoto-in-dsse-v3');
    const certificate = bundle.verificationMaterial.certificate.rawBytes as string;
    const pem = `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    const entry = canonicalizeProposedEntry({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        proposedContent: {
          envelope: JSON.stringify(bundle.dsseEnvelope),
          verifiers: [Buffer.from(pem).toString('base64')],
        },
      },
    });
    const rebuilt = JSON.parse(entry.body.toString());
    expect(rebuilt.spec.payloadHash).toEqual(json.spec.payloadHash);
    expect(rebuilt.spec.signatures).toEqual(json.spec.signatures);
    // envelopeHash hashes the client's own serialization of the envelope, which a bundle does not keep.
    expect(Object.keys(rebuilt.spec)).toEqual(Object.keys(json.spec));
  });

  it('rebuilds the real hashedrekord 0.0.2 body of a Rekor v2 entry byte for byte', () => {
    const { body, json } = bundleEntryBody('rekor2-happy-path');
    const inner = json.spec.hashedRekordV002;
    const entry = canonicalizeCreateRequest({
      hashedRekordRequestV002: { digest: inner.data.digest, signature: inner.signature },
    });
    expect(entry.body).toEqual(body);
  });

  it('sorts keys by UTF-16 code units and leaves out undefined values', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: undefined }], B: true })).toBe(
      '{"B":true,"a":[{"d":"x"}],"b":1}',
    );
  });
});
