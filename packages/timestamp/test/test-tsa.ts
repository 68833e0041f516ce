/**
 * A test-only TSA: makes a certificate chain and issues RFC 3161 responses with knobs for every
 * field the verifier looks at, so each rule can be tested alone.
 */
import { constants, createHash, type KeyObject, sign } from 'node:crypto';
import {
  OID,
  type PreparedAuthority,
  prepareAuthority,
  type ValidityWindow,
  type X509Certificate,
} from '@keyless/core';
import { TSP_OID } from '../src/rfc3161/oids.js';
import {
  extension,
  generalizedTimeText,
  generateKeys,
  type KeyKind,
  makeCertificate,
  subjectKeyIdentifier,
} from './certificates.js';
import {
  algorithm,
  bool,
  ctx,
  ctxPrimitive,
  generalizedTime,
  int,
  octets,
  oid,
  seq,
  set,
  setOf,
  tlv,
} from './der.js';

export { generalizedTimeText, type KeyKind };

type Hash = 'sha256' | 'sha384' | 'sha512';

const HASH_OID: Record<Hash | 'sha1', string> = {
  sha1: TSP_OID.sha1,
  sha256: TSP_OID.sha256,
  sha384: TSP_OID.sha384,
  sha512: TSP_OID.sha512,
};

export interface TestTsaOptions {
  key?: KeyKind;
  /** The leaf's extended key usages; `null` omits the extension. */
  eku?: { usages: string[]; critical: boolean } | null;
  notBefore?: Date;
  notAfter?: Date;
  uri?: string;
}

export interface TestTsa {
  kind: KeyKind;
  leaf: X509Certificate;
  root: X509Certificate;
  leafKey: KeyObject;
  /** A second leaf from the same root, for signer-substitution tests. */
  otherLeaf: X509Certificate;
  otherLeafKey: KeyObject;
  uri: string;
  /** The TSA as a trusted root lists it: leaf and root, valid from 2000 on unless told. */
  authority(options?: { validFor?: ValidityWindow; chain?: X509Certificate[] }): PreparedAuthority;
}

const NOT_BEFORE = new Date('2024-01-01T00:00:00Z');
const NOT_AFTER = new Date('2034-01-01T00:00:00Z');

/** A root CA and two time-stamping leaves under it. */
export function createTestTsa(options: TestTsaOptions = {}): TestTsa {
  const kind = options.key ?? 'p256';
  const notBefore = options.notBefore ?? NOT_BEFORE;
  const notAfter = options.notAfter ?? NOT_AFTER;
  const rootKeys = generateKeys(kind);
  const root = makeCertificate({
    kind,
    serial: 1,
    subject: 'test-tsa-root',
    issuer: 'test-tsa-root',
    publicKey: rootKeys.publicKey,
    issuerKey: rootKeys.privateKey,
    notBefore,
    notAfter,
    extensions: [
      extension(OID.basicConstraints, true, seq(bool(true), int(0))),
      extension(OID.keyUsage, true, tlv(0x03, Uint8Array.of(2, 0x04))),
    ],
  });
  const eku = options.eku === undefined ? { usages: [OID.timeStamping], critical: true } : options.eku;
  const makeLeaf = (serial: number) => {
    const keys = generateKeys(kind);
    const extensions = [
      extension(OID.keyUsage, true, tlv(0x03, Uint8Array.of(7, 0x80))),
      extension(OID.subjectKeyIdentifier, false, subjectKeyIdentifier(keys.publicKey)),
    ];
    if (eku) extensions.push(extension(OID.extKeyUsage, eku.critical, seq(...eku.usages.map(oid))));
    const cert = makeCertificate({
      kind,
      serial,
      subject: 'test-tsa',
      issuer: 'test-tsa-root',
      publicKey: keys.publicKey,
      issuerKey: rootKeys.privateKey,
      notBefore,
      notAfter,
      extensions,
    });
    return { cert, key: keys.privateKey };
  };
  const leaf = makeLeaf(10);
  const other = makeLeaf(11);
  const uri = options.uri ?? 'https://tsa.keyless.test/api/v1/timestamp';
  return {
    kind,
    leaf: leaf.cert,
    root,
    leafKey: leaf.key,
    otherLeaf: other.cert,
    otherLeafKey: other.key,
    uri,
    authority: ({ validFor, chain } = {}) =>
      prepareAuthority({
        subject: { organization: 'keyless.test', commonName: 'test-tsa' },
        uri,
        certChain: (chain ?? [leaf.cert, root]).map((c) => c.der),
        validFor: validFor ?? { start: new Date('2000-01-01T00:00:00Z') },
      }),
  };
}

export interface IssueOptions {
  /** Message imprint hash. */
  imprintHash?: Hash | 'sha1';
  /** Overrides the imprint with these bytes. */
  hashedMessage?: Uint8Array;
  /** SignerInfo digest. */
  digest?: Hash;
  genTime?: string;
  nonce?: bigint;
  accuracy?: Uint8Array;
  ordering?: boolean;
  /** Certificates to embed. */
  embed?: X509Certificate[];
  sid?: 'issuerAndSerialNumber' | 'subjectKeyIdentifier';
  ess?: 'v2' | 'v2-sha384' | 'v1' | 'none' | 'other-cert';
  /** The contentType signed attribute. */
  contentType?: string;
  /** Leave out the messageDigest attribute. */
  omitMessageDigest?: boolean;
  signatureAlgorithm?: 'default' | 'rsa-pss' | 'rsaEncryption';
  /** Sign with this key and name this certificate instead of the TSA's leaf. */
  signer?: { cert: X509Certificate; key: KeyObject };
  status?: number;
  omitToken?: boolean;
  /** Return only the TimeStampToken (ContentInfo). */
  bareToken?: boolean;
}

function essCertId(cert: X509Certificate, version: 'v1' | 'v2' | 'v2-sha384'): Uint8Array {
  const issuerSerial = seq(seq(ctx(4, cert.issuerDer)), int(cert.serialNumber));
  if (version === 'v1') return seq(octets(createHash('sha1').update(cert.der).digest()), issuerSerial);
  if (version === 'v2-sha384') {
    return seq(
      algorithm(TSP_OID.sha384),
      octets(createHash('sha384').update(cert.der).digest()),
      issuerSerial,
    );
  }
  return seq(octets(createHash('sha256').update(cert.der).digest()), issuerSerial);
}

function signatureAlgorithmId(
  kind: KeyKind,
  digest: Hash,
  choice: IssueOptions['signatureAlgorithm'],
): Uint8Array {
  if (choice === 'rsa-pss') {
    const mgf = algorithm('1.2.840.113549.1.1.8', algorithm(HASH_OID[digest]));
    const params = seq(ctx(0, algorithm(HASH_OID[digest])), ctx(1, mgf), ctx(2, int(32)));
    return algorithm(OID.rsassaPss, params);
  }
  if (choice === 'rsaEncryption') return algorithm(TSP_OID.rsaEncryption);
  if (kind === 'rsa') {
    const byDigest = {
      sha256: OID.sha256WithRSAEncryption,
      sha384: OID.sha384WithRSAEncryption,
      sha512: OID.sha512WithRSAEncryption,
    };
    return algorithm(byDigest[digest]);
  }
  const byDigest = { sha256: OID.ecdsaWithSHA256, sha384: OID.ecdsaWithSHA384, sha512: OID.ecdsaWithSHA512 };
  return algorithm(byDigest[digest], null);
}

/** Issues a DER TimeStampResp over `message`. */
export function issueTimestamp(tsa: TestTsa, message: Uint8Array, options: IssueOptions = {}): Uint8Array {
  const status = seq(int(options.status ?? 0));
  if (options.omitToken) return seq(status);
  const imprintHash = options.imprintHash ?? 'sha256';
  const digest = options.digest ?? 'sha256';
  const signer = options.signer ?? { cert: tsa.leaf, key: tsa.leafKey };
  const hashedMessage = options.hashedMessage ?? createHash(imprintHash).update(message).digest();

  const tstInfo = seq(
    int(1),
    oid('1.3.6.1.4.1.57264.2'),
    seq(algorithm(HASH_OID[imprintHash]), octets(hashedMessage)),
    int(0x1234),
    generalizedTime(options.genTime ?? '20250601120000Z'),
    ...(options.accuracy ? [options.accuracy] : []),
    ...(options.ordering !== undefined ? [bool(options.ordering)] : []),
    ...(options.nonce !== undefined ? [int(options.nonce)] : []),
    ctx(0, ctx(4, signer.cert.subjectDer)),
  );

  const attributes = [seq(oid(TSP_OID.contentType), set(oid(options.contentType ?? TSP_OID.tstInfo)))];
  if (!options.omitMessageDigest) {
    attributes.push(
      seq(oid(TSP_OID.messageDigest), set(octets(createHash(digest).update(tstInfo).digest()))),
    );
  }
  const ess = options.ess ?? 'v2';
  if (ess === 'v1') {
    attributes.push(seq(oid(TSP_OID.signingCertificate), set(seq(seq(essCertId(signer.cert, 'v1'))))));
  } else if (ess !== 'none') {
    const named = ess === 'other-cert' ? tsa.root : signer.cert;
    const id = essCertId(named, ess === 'v2-sha384' ? 'v2-sha384' : 'v2');
    attributes.push(seq(oid(TSP_OID.signingCertificateV2), set(seq(seq(id)))));
  }
  const signedAttrs = setOf(attributes);
  const choice = options.signatureAlgorithm ?? 'default';
  const signature =
    choice === 'rsa-pss'
      ? sign(digest, signedAttrs, {
          key: signer.key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        })
      : sign(digest, signedAttrs, signer.key);
  const implicitAttrs = Uint8Array.from(signedAttrs);
  implicitAttrs[0] = 0xa0;

  const sid =
    options.sid === 'subjectKeyIdentifier'
      ? ctxPrimitive(0, signer.cert.subjectKeyIdentifier!)
      : seq(signer.cert.issuerDer, int(signer.cert.serialNumber));
  const signerInfo = seq(
    int(options.sid === 'subjectKeyIdentifier' ? 3 : 1),
    sid,
    algorithm(HASH_OID[digest]),
    implicitAttrs,
    signatureAlgorithmId(tsa.kind, digest, choice),
    octets(signature),
  );
  const signedData = seq(
    int(3),
    set(algorithm(HASH_OID[digest])),
    seq(oid(TSP_OID.tstInfo), ctx(0, octets(tstInfo))),
    ...(options.embed ? [ctx(0, ...options.embed.map((c) => c.der))] : []),
    set(signerInfo),
  );
  const token = seq(oid(TSP_OID.signedData), ctx(0, signedData));
  return options.bareToken ? token : seq(status, token);
}
