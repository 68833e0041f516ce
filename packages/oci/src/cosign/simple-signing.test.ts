import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { goJsonString } from './go-json.js';
import { COSIGN_SIGNATURE_TYPE, parseSimpleSigningPayload, simpleSigningPayload } from './simple-signing.js';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('simpleSigningPayload', () => {
  it('writes byte for byte what cosign wrote for a real signature', () => {
    const payload = simpleSigningPayload(
      'index.docker.io/phbelitz/rekor-test',
      'sha256:31dc72a13a0c34b40eb95419d2b2fd67320c856baf3b72da518023ee8d370aee',
    );
    expect(Buffer.from(payload)).toEqual(readRealdata('oci/connaisseur-keyless-github-oauth/payload.json'));
  });

  it('writes annotations as "optional" with keys sorted', () => {
    const payload = decode(simpleSigningPayload('r', 'sha256:x', { zeta: '1', alpha: '2' }));
    expect(payload.endsWith(',"optional":{"alpha":"2","zeta":"1"}}')).toBe(true);
  });

  it('escapes <, > and & as Go does', () => {
    expect(goJsonString('a<b>&c')).toBe('"a\\u003cb\\u003e\\u0026c"');
    expect(decode(simpleSigningPayload('r', 'd', { note: '<x>' }))).toContain('"note":"\\u003cx\\u003e"');
  });
});

describe('parseSimpleSigningPayload', () => {
  it('reads a real payload', () => {
    expect(
      parseSimpleSigningPayload(readRealdata('oci/salrashid123-gha-keyless-index/payload.json')),
    ).toEqual({
      dockerReference: 'index.docker.io/salrashid123/server_image',
      manifestDigest: 'sha256:c05263d2ff654c3a94243662440913f045075d59c436e2c69e9145ec2b87a321',
      type: COSIGN_SIGNATURE_TYPE,
      optional: null,
    });
  });

  it('matches field names case-insensitively, as Go does', () => {
    const payload = new TextEncoder().encode(
      '{"critical":{"image":{"Docker-manifest-digest":"sha256:ab"},"type":"t"}}',
    );
    expect(parseSimpleSigningPayload(payload).manifestDigest).toBe('sha256:ab');
  });

  it('refuses a payload without a manifest digest', () => {
    expect(() => parseSimpleSigningPayload(new TextEncoder().encode('{"critical":{}}'))).toThrow(
      /docker-manifest-digest/,
    );
  });

  it('refuses a payload that is not JSON', () => {
    expect(() => parseSimpleSigningPayload(new TextEncoder().encode('nope'))).toThrow(/not UTF-8 JSON/);
  });
});
