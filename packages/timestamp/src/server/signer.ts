import { createHash, sign } from 'node:crypto';
import { OID, Tag } from '@keyless/core';
import {
  algorithm,
  ctx,
  generalizedTime,
  int,
  octets,
  oid,
  seq,
  set,
  setOf,
  tlv,
  utcTime,
} from '../rfc3161/der-writer.js';
import { TSP_OID } from '../rfc3161/oids.js';
import type { MessageImprint } from '../rfc3161/types.js';
import { SIGNING_ALGORITHMS } from './chain.js';
import type { TsaMaterial } from './material.js';
import { randomSerial } from './serial.js';

/** What a granted request contributes to its token. */
export interface TokenRequest {
  messageImprint: MessageImprint;
  nonce?: bigint;
  certReq: boolean;
}

/** Issues time-stamp tokens with one TSA key; the parts that never change are encoded once. */
export interface TokenSigner {
  /** A DER TimeStampToken (CMS ContentInfo) over `request`, dated `now` to the second. */
  issue(request: TokenRequest, now: Date): Uint8Array;
}

const SIGNATURE_ALGORITHM = {
  sha256: OID.ecdsaWithSHA256,
  sha384: OID.ecdsaWithSHA384,
} as const;

const DIGEST_ALGORITHM = { sha256: TSP_OID.sha256, sha384: TSP_OID.sha384 } as const;

/** `Accuracy ::= SEQUENCE { seconds 1 }`: genTime is the host clock, good to about a second. */
const ACCURACY = seq(int(1));

const attribute = (type: string, value: Uint8Array) => seq(oid(type), set(value));

/**
 * A signer for the TSA in `material` under `policy`. Tokens follow RFC 3161 §2.4.2 and RFC 5652:
 * a SignedData (version 3) over a TSTInfo (version 1, genTime in whole seconds, accuracy one
 * second, the TSA named by its leaf's subject), one SignerInfo named by issuer and serial number,
 * and the signed attributes contentType, signingTime, messageDigest and signingCertificateV2
 * (RFC 5035, SHA-256 of the leaf). The leaf and intermediate are embedded when the request asks
 * for certificates; the root never is, since a verifier must already hold it.
 */
export function createTokenSigner(material: TsaMaterial, policy: string): TokenSigner {
  const [leaf, intermediate] = material.certificates;
  const { hash } = SIGNING_ALGORITHMS[material.algorithm];
  const digestAlgorithm = algorithm(DIGEST_ALGORITHM[hash]);
  const digestAlgorithms = set(digestAlgorithm);
  const signatureAlgorithm = algorithm(SIGNATURE_ALGORITHM[hash]);
  const policyId = oid(policy);
  const tsaName = ctx(0, ctx(4, leaf.subjectDer));
  const signerId = seq(leaf.issuerDer, int(leaf.serialNumber));
  const certificates = ctx(0, leaf.der, intermediate.der);
  const contentType = attribute(TSP_OID.contentType, oid(TSP_OID.tstInfo));
  const leafHash = createHash('sha256').update(leaf.der).digest();
  // SigningCertificateV2 { certs { ESSCertIDv2 { certHash, IssuerSerial { directoryName, serial } } } };
  // the hash algorithm is left out because SHA-256 is its DEFAULT.
  const essCertId = seq(octets(leafHash), seq(seq(ctx(4, leaf.issuerDer)), int(leaf.serialNumber)));
  const signingCertificate = attribute(TSP_OID.signingCertificateV2, seq(seq(essCertId)));

  return {
    issue(request, now) {
      // Whole seconds, as Sigstore's TSA writes them: DER drops a fraction's trailing zeros
      // (".12"), which some verifiers (sigstore-js) cannot read.
      const genTime = new Date(Math.floor(now.getTime() / 1000) * 1000);
      const { hashAlgorithm, hashedMessage } = request.messageImprint;
      const tstInfo = seq(
        int(1),
        policyId,
        // RFC 3161 §2.4.2: the imprint is the request's, algorithm parameters included.
        seq(algorithm(hashAlgorithm.algorithm, hashAlgorithm.parameters), octets(hashedMessage)),
        tlv(Tag.INTEGER, randomSerial()),
        generalizedTime(genTime),
        ACCURACY,
        ...(request.nonce !== undefined ? [int(request.nonce)] : []),
        tsaName,
      );
      const messageDigest = createHash(hash).update(tstInfo).digest();
      const signedAttributes = setOf([
        contentType,
        attribute(TSP_OID.signingTime, utcTime(genTime)),
        attribute(TSP_OID.messageDigest, octets(messageDigest)),
        signingCertificate,
      ]);
      const signature = sign(hash, signedAttributes, { key: material.signingKey, dsaEncoding: 'der' });
      // The SignerInfo carries the attributes as `[0] IMPLICIT`; the signature covers the SET OF form.
      const implicitAttributes = Buffer.from(signedAttributes);
      implicitAttributes[0] = 0xa0;
      const signerInfo = seq(
        int(1),
        signerId,
        digestAlgorithm,
        implicitAttributes,
        signatureAlgorithm,
        octets(signature),
      );
      const signedData = seq(
        int(3),
        digestAlgorithms,
        seq(oid(TSP_OID.tstInfo), ctx(0, octets(tstInfo))),
        ...(request.certReq ? [certificates] : []),
        set(signerInfo),
      );
      return seq(oid(TSP_OID.signedData), ctx(0, signedData));
    },
  };
}
