import { generateKeyPairSync, sign } from 'node:crypto';
import {
  BUNDLE_V03_MEDIA_TYPE,
  type BundleJson,
  type ProposedEntry,
  parseTrustedRoot,
  prepareTrustedRoot,
  serializeBundle,
  sha256,
  type TransparencyLogEntry,
  type TrustedRootJson,
} from '@keyless/core';
import { createHttpClient } from '@keyless/core/http';
import { createFulcioClient } from '@keyless/fulcio';
import { createRekorV1Client, createRekorV2Client } from '@keyless/rekor';
import { createTimestampClient } from '@keyless/timestamp';
import type { DevStackUrls } from '../../src/stack/urls.js';

/** What the flow signs and with what key, as public data (the private key never leaves the recorder). */
export interface SigningInputs {
  email: string;
  /** DER SubjectPublicKeyInfo of the signing key. */
  publicKey: Uint8Array;
  /** The key's signature over the email, for Fulcio. */
  proofOfPossession: Uint8Array;
  artifact: Uint8Array;
  /** The key's signature over the artifact. */
  signature: Uint8Array;
}

/** A fresh P-256 key, used once to sign the email and the artifact, then dropped. */
export function createSigningInputs(email: string, artifact: Uint8Array): SigningInputs {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    email,
    publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    proofOfPossession: new Uint8Array(sign('sha256', Buffer.from(email), privateKey)),
    artifact,
    signature: new Uint8Array(sign('sha256', artifact, privateKey)),
  };
}

export interface FlowContext {
  urls: DevStackUrls;
  trustedRoot: TrustedRootJson;
  /** The dev token endpoint's secret (any string when replaying: credentials are not recorded). */
  devSecret: string;
}

/** The steps of the flow, so a recorder can cut the exchanges per service. */
export type FlowStep = 'oidc' | 'fulcio' | 'rekor-v1' | 'rekor-v2' | 'tsa';

export interface FlowResult {
  discovery: { issuer: string; jwks_uri: string };
  idToken: string;
  chain: Uint8Array[];
  rekorV1Entry: TransparencyLogEntry;
  /** The same entry, fetched again by index. */
  rekorV1Fetched: TransparencyLogEntry;
  /** The answer to logging the same signature twice (409, then a lookup by UUID). */
  rekorV1Duplicate: TransparencyLogEntry;
  rekorV2Entry: TransparencyLogEntry;
  /** DER TimeStampResp over the signature. */
  timestamp: Uint8Array;
}

/**
 * Signs as a client would, through Keyless's clients, each checking answers against the trusted
 * root: OIDC discovery and a development token, a Fulcio certificate, Rekor v1 (upload, lookup,
 * duplicate upload), Rekor v2 (upload) and an RFC 3161 timestamp. `onStep` is called before each
 * step.
 */
export async function runSigningFlow(
  context: FlowContext,
  inputs: SigningInputs,
  onStep: (step: FlowStep) => void = () => {},
): Promise<FlowResult> {
  const { urls } = context;
  const trust = prepareTrustedRoot(parseTrustedRoot(context.trustedRoot));
  const http = createHttpClient({ service: 'OIDC issuer', retries: 0 });
  const fulcio = createFulcioClient({ baseUrl: urls.fulcio, trust });
  const rekorV1 = createRekorV1Client({ baseUrl: urls.rekor, trust: trust.tlogs });
  const rekorV2 = createRekorV2Client({ baseUrl: urls.rekorV2, trust: trust.tlogs });
  const tsa = createTimestampClient({
    url: `${urls.tsa}/api/v1/timestamp`,
    trust: trust.timestampAuthorities,
  });
  try {
    onStep('oidc');
    const discovery = await http.getJson<FlowResult['discovery']>(
      `${urls.oidc}/.well-known/openid-configuration`,
    );
    const { id_token: idToken } = await http.postJson<{ id_token: string }>(
      `${urls.oidc}/dev/token`,
      { email: inputs.email },
      { headers: { authorization: `Bearer ${context.devSecret}` } },
    );

    onStep('fulcio');
    const chain = await fulcio.requestCertificate({
      identityToken: idToken,
      publicKey: inputs.publicKey,
      proofOfPossession: inputs.proofOfPossession,
    });

    const proposed: ProposedEntry = {
      kind: 'hashedrekord',
      digest: { algorithm: 'SHA2_256', digest: sha256(inputs.artifact) },
      signature: inputs.signature,
      verifier: { type: 'certificate', der: chain[0]! },
    };
    onStep('rekor-v1');
    const rekorV1Entry = await rekorV1.createEntry(proposed);
    const rekorV1Fetched = await rekorV1.getEntryByIndex(rekorV1Entry.logIndex);
    const rekorV1Duplicate = await rekorV1.createEntry(proposed);

    onStep('rekor-v2');
    const rekorV2Entry = await rekorV2.createEntry(proposed);

    onStep('tsa');
    const timestamp = await tsa.timestamp(inputs.signature);
    return {
      discovery,
      idToken,
      chain,
      rekorV1Entry,
      rekorV1Fetched,
      rekorV1Duplicate,
      rekorV2Entry,
      timestamp,
    };
  } finally {
    await Promise.all([http.close(), fulcio.close(), rekorV1.close(), rekorV2.close()]);
  }
}

/** A v0.3 bundle of the flow's signature with one of its log entries and its timestamp. */
export function bundleOf(result: FlowResult, inputs: SigningInputs, entry: TransparencyLogEntry): BundleJson {
  return serializeBundle({
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    version: '0.3',
    verificationMaterial: {
      content: { type: 'certificate', certificate: result.chain[0]! },
      tlogEntries: [entry],
      rfc3161Timestamps: [result.timestamp],
    },
    content: {
      type: 'messageSignature',
      messageSignature: {
        messageDigest: { algorithm: 'SHA2_256', digest: sha256(inputs.artifact) },
        signature: inputs.signature,
      },
    },
  });
}
