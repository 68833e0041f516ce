import { describe, expect, it } from 'vitest';
import { conformanceBundle, expectRefused, mutate, parseError, VM } from '../../test/bundle-parse-support.js';
import { parseBundle } from './parse.js';

const V01 = conformanceBundle('happy-path-v0.1');
const V02 = conformanceBundle('happy-path-v0.2');
const V03 = conformanceBundle('happy-path-v0.3');
const DSSE = conformanceBundle('happy-path-intoto-in-dsse-v3');
const MANAGED_KEY = conformanceBundle('managed-key-happy-path');

describe('parseBundle: media types', () => {
  it('reads v0.1, v0.2 and both spellings of v0.3', () => {
    expect(parseBundle(V01).version).toBe('0.1');
    expect(parseBundle(V02).version).toBe('0.2');
    expect(parseBundle(V03).version).toBe('0.3');
    expect(parseBundle(DSSE).mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(parseBundle(DSSE).version).toBe('0.3');
  });

  it('refuses an unknown version with ERR_BUNDLE_UNSUPPORTED_VERSION', () => {
    const json = mutate(V03, (b) => {
      b.mediaType = 'application/vnd.dev.sigstore.bundle.v0.4+json';
    });
    const error = parseError(json);
    expect(error.code).toBe('ERR_BUNDLE_UNSUPPORTED_VERSION');
    expect(error.message).toMatch(
      /^bundle\.mediaType: unsupported bundle media type "application\/vnd\.dev\.sigstore\.bundle\.v0\.4\+json"/,
    );
  });

  it('refuses an unrelated media type with ERR_BUNDLE_UNSUPPORTED_VERSION', () => {
    expect(parseError(mutate(V03, (b) => (b.mediaType = 'application/json'))).code).toBe(
      'ERR_BUNDLE_UNSUPPORTED_VERSION',
    );
  });

  it('does not take inherited object properties for media types', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(parseError(mutate(V03, (b) => (b.mediaType = name))).code).toBe(
        'ERR_BUNDLE_UNSUPPORTED_VERSION',
      );
    }
  });

  it('refuses a missing or non-string media type as invalid', () => {
    expectRefused(
      mutate(V03, (b) => delete b.mediaType),
      'bundle.mediaType: must be a string',
    );
    expectRefused(
      mutate(V03, (b) => (b.mediaType = 3)),
      'bundle.mediaType: must be a string',
    );
  });

  it('refuses a bundle that is not a JSON object', () => {
    for (const value of [null, 1, 'bundle', [], true]) expectRefused(value, 'bundle: must be an object');
  });
});

describe('parseBundle: content', () => {
  it('decodes a message signature and its digest', () => {
    const bundle = parseBundle(V03);
    expect(bundle.content.type).toBe('messageSignature');
    if (bundle.content.type !== 'messageSignature') return;
    const { messageDigest, signature } = bundle.content.messageSignature;
    expect(Buffer.from(signature).toString('base64')).toBe(V03.messageSignature.signature);
    expect(messageDigest?.algorithm).toBe('SHA2_256');
    expect(messageDigest?.digest).toHaveLength(32);
  });

  it('accepts a message signature without a digest', () => {
    const bundle = parseBundle(mutate(V03, (b) => delete b.messageSignature.messageDigest));
    expect(bundle.content.type === 'messageSignature' && bundle.content.messageSignature.messageDigest).toBe(
      undefined,
    );
  });

  it('refuses a message signature without a signature', () => {
    expectRefused(
      mutate(V03, (b) => delete b.messageSignature.signature),
      'bundle.messageSignature.signature: is required',
    );
    expectRefused(
      mutate(V03, (b) => (b.messageSignature.signature = '')),
      'bundle.messageSignature.signature: must not be empty',
    );
  });

  it('refuses an unknown digest algorithm', () => {
    expectRefused(
      mutate(V03, (b) => (b.messageSignature.messageDigest.algorithm = 'MD5')),
      'bundle.messageSignature.messageDigest.algorithm: must be one of SHA2_256, SHA2_384, SHA2_512, SHA3_256, SHA3_384',
    );
  });

  it('decodes a DSSE envelope', () => {
    const bundle = parseBundle(DSSE);
    expect(bundle.content.type).toBe('dsseEnvelope');
    if (bundle.content.type !== 'dsseEnvelope') return;
    const envelope = bundle.content.dsseEnvelope;
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(JSON.parse(Buffer.from(envelope.payload).toString('utf8'))._type).toBe(
      'https://in-toto.io/Statement/v1',
    );
    expect(envelope.signatures).toHaveLength(1);
    expect(envelope.signatures[0]?.keyid).toBe('');
  });

  it('refuses a DSSE envelope without signatures, payload or payload type', () => {
    expectRefused(
      mutate(DSSE, (b) => (b.dsseEnvelope.signatures = [])),
      'bundle.dsseEnvelope.signatures: must have at least one signature',
    );
    expectRefused(
      mutate(DSSE, (b) => delete b.dsseEnvelope.payload),
      'bundle.dsseEnvelope.payload: is required',
    );
    expectRefused(
      mutate(DSSE, (b) => delete b.dsseEnvelope.payloadType),
      'bundle.dsseEnvelope.payloadType: is required',
    );
    expectRefused(
      mutate(DSSE, (b) => (b.dsseEnvelope.signatures[0].sig = '***')),
      'bundle.dsseEnvelope.signatures[0].sig: must be base64',
    );
  });

  it('requires exactly one of messageSignature and dsseEnvelope', () => {
    expectRefused(
      mutate(V03, (b) => (b.dsseEnvelope = DSSE.dsseEnvelope)),
      'bundle: must have exactly one of messageSignature or dsseEnvelope (found both)',
    );
    expectRefused(
      mutate(V03, (b) => delete b.messageSignature),
      'bundle: must have exactly one of messageSignature or dsseEnvelope (found none)',
    );
  });

  it('treats a null field as absent, as the protobuf JSON mapping does', () => {
    const bundle = parseBundle(mutate(V03, (b) => (b.dsseEnvelope = null)));
    expect(bundle.content.type).toBe('messageSignature');
  });

  it('ignores unknown fields', () => {
    const bundle = parseBundle(mutate(V03, (b) => (b.futureField = { anything: [1, 2] })));
    expect(bundle.version).toBe('0.3');
  });
});

describe('parseBundle: signing material', () => {
  it('decodes a v0.1 certificate chain', () => {
    const { content } = parseBundle(V01).verificationMaterial;
    expect(content.type).toBe('x509CertificateChain');
    expect(content.type === 'x509CertificateChain' && content.certificates[0]?.[0]).toBe(0x30);
  });

  it('decodes a v0.3 single certificate', () => {
    const { content } = parseBundle(V03).verificationMaterial;
    expect(content.type).toBe('certificate');
    expect(content.type === 'certificate' && content.certificate[0]).toBe(0x30);
  });

  it('decodes a public key hint', () => {
    const { content } = parseBundle(MANAGED_KEY).verificationMaterial;
    expect(content).toEqual({ type: 'publicKey', hint: MANAGED_KEY.verificationMaterial.publicKey.hint });
  });

  it('accepts a public key without a hint', () => {
    const { content } = parseBundle(
      mutate(MANAGED_KEY, (b) => (b.verificationMaterial.publicKey = {})),
    ).verificationMaterial;
    expect(content).toEqual({ type: 'publicKey', hint: '' });
  });

  it('refuses a certificate chain in a v0.3 bundle', () => {
    const json = mutate(V03, (b) => {
      b.verificationMaterial.x509CertificateChain = { certificates: [b.verificationMaterial.certificate] };
      delete b.verificationMaterial.certificate;
    });
    expectRefused(
      json,
      `${VM}.x509CertificateChain: is not allowed in a v0.3 bundle (use certificate or publicKey)`,
    );
  });

  it('requires exactly one kind of signing material', () => {
    expectRefused(
      mutate(V03, (b) => delete b.verificationMaterial.certificate),
      `${VM}: must have exactly one of x509CertificateChain, certificate or publicKey (found none)`,
    );
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.publicKey = { hint: 'x' })),
      `${VM}: must have exactly one of x509CertificateChain, certificate or publicKey (found certificate and publicKey)`,
    );
  });

  it('refuses an empty certificate chain or an empty certificate', () => {
    expectRefused(
      mutate(V01, (b) => (b.verificationMaterial.x509CertificateChain.certificates = [])),
      `${VM}.x509CertificateChain.certificates: must not be empty`,
    );
    expectRefused(
      mutate(V01, (b) => (b.verificationMaterial.x509CertificateChain.certificates[0].rawBytes = '')),
      `${VM}.x509CertificateChain.certificates[0].rawBytes: must not be empty`,
    );
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.certificate.rawBytes = '')),
      `${VM}.certificate.rawBytes: must not be empty`,
    );
  });

  it('names the field that is not base64', () => {
    expectRefused(
      mutate(V03, (b) => (b.verificationMaterial.certificate.rawBytes = 'MII!')),
      `${VM}.certificate.rawBytes: must be base64`,
    );
  });

  it('accepts URL-safe and unpadded base64, as the protobuf JSON mapping allows', () => {
    const standard = parseBundle(V03);
    const urlSafe = parseBundle(
      mutate(V03, (b) => {
        const raw: string = b.verificationMaterial.certificate.rawBytes;
        b.verificationMaterial.certificate.rawBytes = raw
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      }),
    );
    expect(urlSafe.verificationMaterial.content).toEqual(standard.verificationMaterial.content);
  });

  it('accepts line-wrapped base64', () => {
    const standard = parseBundle(V03);
    const wrapped = parseBundle(
      mutate(V03, (b) => {
        const raw: string = b.verificationMaterial.certificate.rawBytes;
        b.verificationMaterial.certificate.rawBytes = raw.replace(/(.{76})/g, '$1\n');
      }),
    );
    expect(wrapped.verificationMaterial.content).toEqual(standard.verificationMaterial.content);
  });
});
