import { decodePemBlocks, encodeBase64, OID, type X509Certificate } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, queryFor, type RunningTsa, startTsa } from '../../test/tsa-server.js';
import { encodeTimeStampReq } from '../rfc3161/encode-request.js';
import { TSP_OID } from '../rfc3161/oids.js';
import { parseTimeStampResp } from '../rfc3161/parse.js';
import { PKIStatus } from '../rfc3161/types.js';
import { verifyRfc3161Timestamp } from '../rfc3161/verify.js';
import { DEFAULT_TSA_POLICY } from './index.js';

const signature = new TextEncoder().encode('a signature over an artifact');
const NOW = new Date('2026-03-04T05:06:07.089Z');
const GEN_TIME = new Date('2026-03-04T05:06:07Z');

describe('the local TSA', () => {
  let tsa: RunningTsa;
  beforeAll(async () => {
    tsa = await startTsa({ now: () => NOW });
  });
  afterAll(() => tsa.stop());

  it('grants a timestamp that verifies against its trusted-root entry', async () => {
    const { status, contentType, body } = await post(tsa.endpoint, queryFor(signature, { certReq: true }));
    expect(status).toBe(200);
    expect(contentType).toBe('application/timestamp-reply');
    const verified = verifyRfc3161Timestamp(body, signature, tsa.trusted);
    expect(verified).toEqual({ kind: 'rfc3161', authority: tsa.endpoint, time: GEN_TIME });
  });

  it('echoes the request nonce', async () => {
    const nonce = 0x1234_5678_9abc_def0_1234n;
    const { body } = await post(tsa.endpoint, queryFor(signature, { nonce }));
    expect(parseTimeStampResp(body).timeStampToken?.tstInfo.nonce).toBe(nonce);
    expect(() => verifyRfc3161Timestamp(body, signature, tsa.trusted, { nonce })).not.toThrow();
  });

  it('fills the TSTInfo with the policy, the imprint, genTime to the second and one second of accuracy', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature));
    const info = parseTimeStampResp(body).timeStampToken!.tstInfo;
    expect(info.policy).toBe(DEFAULT_TSA_POLICY);
    expect(info.messageImprint.hashAlgorithm.algorithm).toBe(TSP_OID.sha256);
    expect(info.genTime).toEqual(GEN_TIME);
    expect(info.accuracy).toEqual({ seconds: 1, millis: 0, micros: 0 });
    expect(info.nonce).toBeUndefined();
  });

  it('gives every token a new serial number', async () => {
    const serials = new Set<bigint>();
    for (let i = 0; i < 5; i++) {
      const { body } = await post(tsa.endpoint, queryFor(signature));
      serials.add(parseTimeStampResp(body).timeStampToken!.tstInfo.serialNumber);
    }
    expect(serials.size).toBe(5);
  });

  it('embeds the leaf and intermediate, not the root, when certReq is true', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature, { certReq: true }));
    const hex = (der: Uint8Array) => Buffer.from(der).toString('hex');
    const embedded = parseTimeStampResp(body).timeStampToken!.signedData.certificates.map((c) => hex(c.der));
    expect(embedded).toEqual(tsa.trusted[0]!.certificates.slice(0, 2).map((c) => hex(c.der)));
  });

  it('embeds no certificates when certReq is absent, and the token still verifies from the trusted leaf', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature));
    expect(parseTimeStampResp(body).timeStampToken!.signedData.certificates).toEqual([]);
    expect(verifyRfc3161Timestamp(body, signature, tsa.trusted).time).toEqual(GEN_TIME);
  });

  it('signs the contentType, signingTime, messageDigest and signingCertificateV2 attributes', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature));
    const signerInfo = parseTimeStampResp(body).timeStampToken!.signedData.signerInfo;
    expect(signerInfo.signedAttributes.map((a) => a.type).sort()).toEqual(
      [TSP_OID.contentType, TSP_OID.signingTime, TSP_OID.messageDigest, TSP_OID.signingCertificateV2].sort(),
    );
    expect(signerInfo.signatureAlgorithm.algorithm).toBe(OID.ecdsaWithSHA256);
    expect(signerInfo.digestAlgorithm.algorithm).toBe(TSP_OID.sha256);
  });

  it('is rejected by the verifier for other data', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature));
    expect(() => verifyRfc3161Timestamp(body, Uint8Array.of(1, 2, 3), tsa.trusted)).toThrow(
      expect.objectContaining({ code: 'ERR_TIMESTAMP_IMPRINT_MISMATCH' }),
    );
  });

  it('accepts the SHA-384 and SHA-512 imprints and echoes the request imprint', async () => {
    for (const algorithm of [TSP_OID.sha384, TSP_OID.sha512]) {
      const hashedMessage = new Uint8Array(algorithm === TSP_OID.sha384 ? 48 : 64).fill(7);
      const query = encodeTimeStampReq({ messageImprint: { hashAlgorithm: { algorithm }, hashedMessage } });
      const response = parseTimeStampResp((await post(tsa.endpoint, query)).body);
      expect(response.status.status).toBe(PKIStatus.granted);
      expect(response.timeStampToken!.tstInfo.messageImprint.hashedMessage).toEqual(hashedMessage);
    }
  });

  it('refuses a SHA-1 imprint with status rejection and badAlg, over HTTP 200', async () => {
    const query = encodeTimeStampReq({
      messageImprint: { hashAlgorithm: { algorithm: TSP_OID.sha1 }, hashedMessage: new Uint8Array(20) },
    });
    const { status, contentType, body } = await post(tsa.endpoint, query);
    expect(status).toBe(200);
    expect(contentType).toBe('application/timestamp-reply');
    const response = parseTimeStampResp(body);
    expect(response.status.status).toBe(PKIStatus.rejection);
    expect(response.status.failInfo).toEqual(['badAlg']);
    expect(response.timeStampToken).toBeUndefined();
  });

  it('refuses a policy it does not issue under with unacceptedPolicy', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature, { reqPolicy: '1.2.3.4' }));
    expect(parseTimeStampResp(body).status.failInfo).toEqual(['unacceptedPolicy']);
  });

  it('grants a request naming its own policy', async () => {
    const { body } = await post(tsa.endpoint, queryFor(signature, { reqPolicy: DEFAULT_TSA_POLICY }));
    expect(parseTimeStampResp(body).status.status).toBe(PKIStatus.granted);
  });

  it('answers a body that is not a TimeStampReq with HTTP 400 and a badDataFormat rejection', async () => {
    const { status, contentType, body } = await post(tsa.endpoint, Uint8Array.of(0x30, 0x03, 0x02, 0x01));
    expect(status).toBe(400);
    expect(contentType).toBe('application/timestamp-reply');
    const response = parseTimeStampResp(body);
    expect(response.status.status).toBe(PKIStatus.rejection);
    expect(response.status.failInfo).toEqual(['badDataFormat']);
  });

  it('answers a wrong content type with 415', async () => {
    const { status, body } = await post(tsa.endpoint, queryFor(signature), 'application/octet-stream');
    expect(status).toBe(415);
    expect(JSON.parse(Buffer.from(body).toString())).toMatchObject({ code: 415 });
  });

  it('answers a body over 64 KiB with 413', async () => {
    const { status } = await post(tsa.endpoint, new Uint8Array(65 * 1024));
    expect(status).toBe(413);
  });

  it('answers GET on the timestamp endpoint with 405 and an unknown path with 404', async () => {
    const get = await fetch(tsa.endpoint);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${tsa.url}/api/v1/nothing`)).status).toBe(404);
  });

  it('grants the Sigstore JSON request form', async () => {
    const json = JSON.stringify({
      artifactHash: encodeBase64(new Uint8Array(32).fill(9)),
      hashAlgorithm: 'sha256',
      nonce: 12345,
      certificates: true,
    });
    const { status, body } = await post(tsa.endpoint, json, 'application/json');
    expect(status).toBe(200);
    const token = parseTimeStampResp(body).timeStampToken!;
    expect(token.tstInfo.nonce).toBe(12345n);
    expect(token.signedData.certificates).toHaveLength(2);
  });

  it('answers a malformed JSON request with HTTP 400', async () => {
    const { status } = await post(tsa.endpoint, '{"artifactHash": 5}', 'application/json');
    expect(status).toBe(400);
  });
});

describe('the TSA certificate chain', () => {
  let tsa: RunningTsa;
  beforeAll(async () => {
    tsa = await startTsa({ now: () => NOW });
  });
  afterAll(() => tsa.stop());

  it('is served as PEM, leaf first, matching the trusted-root entry', async () => {
    const response = await fetch(`${tsa.url}/api/v1/timestamp/certchain`);
    expect(response.headers.get('content-type')).toBe('application/pem-certificate-chain');
    const pem = decodePemBlocks(await response.text()).map((block) => encodeBase64(block.der));
    expect(pem).toEqual(tsa.server.timestampAuthority.certChain.certificates.map((c) => c.rawBytes));
    expect(pem).toHaveLength(3);
  });

  it('names the RFC 3161 endpoint under the base URL and starts its validity at creation', () => {
    expect(tsa.server.timestampUrl).toBe(`${tsa.url}/api/v1/timestamp`);
    expect(tsa.server.timestampAuthority.uri).toBe(tsa.server.timestampUrl);
    expect(tsa.server.timestampAuthority.validFor).toEqual({ start: '2026-03-04T05:06:07.000Z' });
  });

  it('has a leaf with the sole, critical timeStamping usage and digitalSignature key usage', () => {
    const [leaf] = tsa.trusted[0]!.certificates;
    expect(leaf!.extension(OID.extKeyUsage)?.critical).toBe(true);
    expect(leaf!.extKeyUsage).toEqual([OID.timeStamping]);
    expect(leaf!.keyUsage).toEqual({ digitalSignature: true, keyCertSign: false, crlSign: false });
    expect(leaf!.extension(OID.keyUsage)?.critical).toBe(true);
    expect(leaf!.basicConstraints?.ca ?? false).toBe(false);
  });

  it('chains leaf -> intermediate -> self-signed root with P-256 keys', () => {
    const [leaf, intermediate, root] = tsa.trusted[0]!.certificates as [
      X509Certificate,
      X509Certificate,
      X509Certificate,
    ];
    expect(leaf.verifySignedBy(intermediate.publicKey)).toBe(true);
    expect(intermediate.verifySignedBy(root.publicKey)).toBe(true);
    expect(root.isSelfSigned).toBe(true);
    expect(root.subject).toMatchObject({ organization: 'Keyless', commonName: 'Keyless TSA Root' });
    expect(intermediate.basicConstraints?.ca).toBe(true);
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });
});

describe('the TSA with P-384', () => {
  it('signs with ecdsa-with-SHA384 over a SHA-384 digest and verifies', async () => {
    const tsa = await startTsa({ signingAlgorithm: 'ecdsa-p384-sha384' });
    try {
      const { body } = await post(tsa.endpoint, queryFor(signature, { certReq: true }));
      const token = parseTimeStampResp(body).timeStampToken!;
      expect(token.signedData.signerInfo.signatureAlgorithm.algorithm).toBe(OID.ecdsaWithSHA384);
      expect(token.signedData.signerInfo.digestAlgorithm.algorithm).toBe(TSP_OID.sha384);
      expect(tsa.trusted[0]!.certificates[0]!.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
      expect(verifyRfc3161Timestamp(body, signature, tsa.trusted).authority).toBe(tsa.endpoint);
    } finally {
      await tsa.stop();
    }
  });
});

describe('a closed TSA', () => {
  it('answers 503', async () => {
    const tsa = await startTsa();
    await tsa.server.close();
    await tsa.server.close();
    try {
      expect((await post(tsa.endpoint, queryFor(signature))).status).toBe(503);
    } finally {
      await tsa.stop();
    }
  });
});
