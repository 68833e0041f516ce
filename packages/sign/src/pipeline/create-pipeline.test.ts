import {
  type CertificateAuthorityClient,
  DSSE_INTOTO_PAYLOAD_TYPE,
  parseSigningConfig,
  SIGNING_CONFIG_MEDIA_TYPE,
  sha256,
  type TimestampSource,
  toHex,
} from '@keyless/core';
import { createVerifier } from '@keyless/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLog } from '../../test/harness/fake-log.js';
import { listen } from '../../test/harness/loopback.js';
import { EMAIL, fulcioAuthority, startTestStack, type TestStack } from '../../test/harness/stack.js';
import { SigningError } from '../errors.js';
import { createSigningPipeline } from './create-pipeline.js';
import type { SigningPipelineOptions, SigningServices } from './types.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

// The services are given explicitly, so the signing config only has to parse.
const EMPTY_CONFIG = parseSigningConfig({ mediaType: SIGNING_CONFIG_MEDIA_TYPE });
const ARTIFACT = new TextEncoder().encode('hello, keyless\n');

function options(services: Partial<SigningServices>, extra: Partial<SigningPipelineOptions> = {}) {
  return {
    signingConfig: EMPTY_CONFIG,
    trustedRoot: stack.trustedRoot,
    oidcProvider: stack.provider(),
    services: {
      certificateAuthority: fulcioAuthority(stack),
      transparencyLogs: [stack.logV1],
      timestampAuthorities: [],
      timestampRequired: false,
      ...services,
    },
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<SigningError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SigningError);
  return error as SigningError;
}

async function verifyIndependently(bundle: unknown, input: { artifact: Uint8Array } | { digest: string }) {
  const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
  return verifier.verify(bundle, input, { identity: EMAIL, issuer: stack.issuerUrl });
}

describe('signBlob', () => {
  it('returns a v0.3 bundle with a message signature that verifies for the artifact and the signer', async () => {
    const pipeline = await createSigningPipeline(options({}));
    const { bundle } = await pipeline.signBlob(ARTIFACT);
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.messageSignature?.messageDigest).toEqual({
      algorithm: 'SHA2_256',
      digest: Buffer.from(sha256(ARTIFACT)).toString('base64'),
    });
    const result = await verifyIndependently(bundle, { artifact: ARTIFACT });
    expect(result.signer).toMatchObject({ identity: EMAIL, issuer: stack.issuerUrl });
  });

  it('records a hashedrekord 0.0.1 entry in a Rekor v1 log', async () => {
    const pipeline = await createSigningPipeline(options({}));
    const { bundle } = await pipeline.signBlob(ARTIFACT);
    expect(bundle.verificationMaterial.tlogEntries?.map((e) => e.kindVersion)).toEqual([
      { kind: 'hashedrekord', version: '0.0.1' },
    ]);
  });

  it('carries only the leaf certificate and hands out the whole chain beside the bundle', async () => {
    const pipeline = await createSigningPipeline(options({}));
    const { bundle, certificateChain } = await pipeline.signBlob(ARTIFACT);
    expect(certificateChain.length).toBeGreaterThan(1);
    expect(bundle.verificationMaterial.certificate?.rawBytes).toBe(
      Buffer.from(certificateChain[0]!).toString('base64'),
    );
    expect(bundle.verificationMaterial.x509CertificateChain).toBeUndefined();
  });

  it('reports the identity the CA certified and the checks its own verification ran', async () => {
    const pipeline = await createSigningPipeline(options({}));
    const { identity, verification } = await pipeline.signBlob(ARTIFACT);
    expect(identity).toEqual({ subjectAlternativeName: EMAIL, issuer: stack.issuerUrl });
    expect(verification.checks.map((c) => c.name)).toContain('signature');
  });

  it('with a Rekor v2 log and a TSA, records a hashedrekord 0.0.2 entry and an RFC 3161 timestamp', async () => {
    const pipeline = await createSigningPipeline(
      options({
        transparencyLogs: [stack.logV2],
        timestampAuthorities: [stack.tsa()],
        timestampRequired: true,
      }),
    );
    const { bundle } = await pipeline.signBlob(ARTIFACT);
    expect(bundle.verificationMaterial.tlogEntries?.[0]?.kindVersion).toEqual({
      kind: 'hashedrekord',
      version: '0.0.2',
    });
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    const result = await verifyIndependently(bundle, { artifact: ARTIFACT });
    expect(result.timestamps.map((t) => t.kind)).toEqual(['rfc3161']);
  });

  it('asks for one token and one certificate for several signatures', async () => {
    const provider = stack.provider();
    let issued = 0;
    const fulcio = fulcioAuthority(stack);
    const counting: CertificateAuthorityClient = {
      name: fulcio.name,
      issueCertificate: (request) => {
        issued++;
        return fulcio.issueCertificate(request);
      },
    };
    const pipeline = await createSigningPipeline(
      options({ certificateAuthority: counting }, { oidcProvider: provider }),
    );
    await Promise.all([pipeline.signBlob(ARTIFACT), pipeline.signBlob(ARTIFACT)]);
    await pipeline.signMessage(ARTIFACT);
    expect({ tokens: provider.calls, certificates: issued }).toEqual({ tokens: 1, certificates: 1 });
  });
});

describe('signDsse and attestBlob', () => {
  it('signs a payload of any type in a DSSE envelope that verifies against the payload', async () => {
    const pipeline = await createSigningPipeline(options({}));
    const payload = new TextEncoder().encode('{"anything":true}');
    const { bundle } = await pipeline.signDsse(payload, 'application/vnd.example+json');
    expect(bundle.dsseEnvelope?.payloadType).toBe('application/vnd.example+json');
    expect(bundle.verificationMaterial.tlogEntries?.[0]?.kindVersion).toEqual({
      kind: 'dsse',
      version: '0.0.1',
    });
    await verifyIndependently(bundle, { artifact: payload });
  });

  it('attests an artifact with an in-toto Statement v1 naming it and its SHA-256', async () => {
    const pipeline = await createSigningPipeline(options({}));
    const { bundle } = await pipeline.attestBlob(
      { name: 'hello.txt', bytes: ARTIFACT },
      { builder: { id: 'https://ci.keyless.test' } },
      'https://slsa.dev/provenance/v1',
    );
    expect(bundle.dsseEnvelope?.payloadType).toBe(DSSE_INTOTO_PAYLOAD_TYPE);
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope!.payload, 'base64').toString('utf8'));
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'hello.txt', digest: { sha256: toHex(sha256(ARTIFACT)) } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: { builder: { id: 'https://ci.keyless.test' } },
    });
    await verifyIndependently(bundle, { artifact: ARTIFACT });
  });

  it('records a dsse 0.0.2 entry in a Rekor v2 log', async () => {
    const pipeline = await createSigningPipeline(
      options({
        transparencyLogs: [stack.logV2],
        timestampAuthorities: [stack.tsa()],
        timestampRequired: true,
      }),
    );
    const { bundle } = await pipeline.attestBlob(
      { name: 'hello.txt', bytes: ARTIFACT },
      {},
      'https://example.test/v1',
    );
    expect(bundle.verificationMaterial.tlogEntries?.[0]?.kindVersion).toEqual({
      kind: 'dsse',
      version: '0.0.2',
    });
    await verifyIndependently(bundle, { artifact: ARTIFACT });
  });

  it('refuses a predicate that is not a JSON object before asking for a token', async () => {
    const provider = stack.provider();
    const pipeline = await createSigningPipeline(options({}, { oidcProvider: provider }));
    const error = await rejection(
      pipeline.attestBlob({ name: 'a', bytes: ARTIFACT }, [1, 2], 'https://x.test'),
    );
    expect({ code: error.code, tokens: provider.calls }).toEqual({ code: 'ERR_INVALID_INPUT', tokens: 0 });
  });
});

describe('order of the steps', () => {
  it('gets the token, then the certificate, then witnesses the signature with log and TSA in parallel', async () => {
    const events: string[] = [];
    let tsaStarted: () => void = () => {};
    const tsaHasStarted = new Promise<void>((resolve) => {
      tsaStarted = resolve;
    });
    const provider = stack.provider();
    const fulcio = fulcioAuthority(stack);
    const tsa = stack.tsa();
    const log = new FakeLog({
      baseUrl: stack.logV1.instance.baseUrl,
      version: 1,
      async onAddEntry() {
        events.push('log started');
        // Only a TSA asked at the same time lets the log answer.
        await Promise.race([
          tsaHasStarted,
          new Promise((_, reject) => setTimeout(reject, 2000, new Error('TSA not asked in parallel'))),
        ]);
      },
    });
    const pipeline = await createSigningPipeline({
      ...options({
        certificateAuthority: {
          name: fulcio.name,
          issueCertificate: (request) => {
            events.push('certificate');
            return fulcio.issueCertificate(request);
          },
        },
        transparencyLogs: [log],
        timestampAuthorities: [
          {
            name: tsa.name,
            timestamp: (request) => {
              events.push('tsa started');
              tsaStarted();
              return tsa.timestamp(request);
            },
          },
        ],
      }),
      oidcProvider: {
        name: provider.name,
        getToken: (o) => {
          events.push('token');
          return provider.getToken(o);
        },
      },
      trustedRoot: { ...stack.trustedRoot, tlogs: [log.instance] },
    });
    await pipeline.signBlob(ARTIFACT);
    expect(events).toEqual(['token', 'certificate', 'log started', 'tsa started']);
  });
});

describe('a Rekor v2 log without a timestamp authority', () => {
  it('is refused when the pipeline is created, before any token is requested', async () => {
    const provider = stack.provider();
    const error = await rejection(
      createSigningPipeline(
        options({ transparencyLogs: [stack.logV2], timestampRequired: true }, { oidcProvider: provider }),
      ),
    );
    expect(error.code).toBe('ERR_SIGNING_CONFIG');
    expect(error.message).toContain('a timestamp authority is required');
    expect(provider.calls).toBe(0);
  });
});

describe('failures name the service that failed', () => {
  it('a provider that fails: ERR_IDENTITY_TOKEN naming the provider', async () => {
    const pipeline = await createSigningPipeline(
      options(
        {},
        { oidcProvider: { name: 'acme', getToken: () => Promise.reject(new Error('no session')) } },
      ),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'ERR_IDENTITY_TOKEN',
      message: 'OIDC provider acme: no session',
    });
  });

  it('a token the CA refuses: ERR_CERTIFICATE_AUTHORITY naming the CA and what it said, nothing logged', async () => {
    const log = new FakeLog({ baseUrl: 'https://unused.keyless.test', version: 1 });
    const forged = {
      name: 'forger',
      getToken: async () => stack.issuer.forge({ sub: EMAIL, email: EMAIL, email_verified: true }),
    };
    const pipeline = await createSigningPipeline(
      options({ transparencyLogs: [log] }, { oidcProvider: forged }),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect(error.code).toBe('ERR_CERTIFICATE_AUTHORITY');
    expect(error.message).toContain(stack.fulcioUrl);
    expect(error.message).toContain('401');
    expect(log.entries).toHaveLength(0);
  });

  it('an unreachable CA: ERR_CERTIFICATE_AUTHORITY naming its URL', async () => {
    const { createFulcioCertificateAuthority } = await import('@keyless/fulcio');
    const closed = await listen(() => {});
    await closed.close();
    const url = `${closed.origin}/fulcio`;
    const pipeline = await createSigningPipeline(
      options({
        certificateAuthority: createFulcioCertificateAuthority({ baseUrl: url, name: `Fulcio at ${url}` }),
      }),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect(error.code).toBe('ERR_CERTIFICATE_AUTHORITY');
    expect(error.message).toContain(url);
  });

  it('a certificate from a CA the trusted root does not list: ERR_CERTIFICATE_UNTRUSTED, nothing logged', async () => {
    const log = new FakeLog({ baseUrl: 'https://unused.keyless.test', version: 1 });
    const pipeline = await createSigningPipeline(
      options(
        { transparencyLogs: [log] },
        { trustedRoot: { ...stack.trustedRoot, certificateAuthorities: [] } },
      ),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect(error.code).toBe('ERR_CERTIFICATE_UNTRUSTED');
    expect(error.message).toMatch(/^Fulcio at http:\/\/127\.0\.0\.1:\d+\/fulcio: the issued certificate/);
    expect(log.entries).toHaveLength(0);
  });

  it('a log that fails: ERR_TRANSPARENCY_LOG naming the log, and the TSA request is cancelled', async () => {
    let tsaSignal: AbortSignal | undefined;
    const slowTsa: TimestampSource = {
      name: 'slow TSA',
      timestamp: ({ signal }) => {
        tsaSignal = signal;
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      },
    };
    const failing = new FakeLog({
      baseUrl: 'https://down.keyless.test',
      version: 1,
      onAddEntry: () => Promise.reject(new Error('HTTP 503 overloaded')),
    });
    const pipeline = await createSigningPipeline(
      options({ transparencyLogs: [failing], timestampAuthorities: [slowTsa] }),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'ERR_TRANSPARENCY_LOG',
      message: 'fake Rekor v1 at https://down.keyless.test: HTTP 503 overloaded',
    });
    expect(tsaSignal?.aborted).toBe(true);
  });

  it('a TSA that fails: ERR_TIMESTAMP_AUTHORITY naming the TSA', async () => {
    const pipeline = await createSigningPipeline(
      options({
        timestampAuthorities: [
          { name: 'TSA at https://tsa.keyless.test', timestamp: () => Promise.reject(new Error('refused')) },
        ],
      }),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'ERR_TIMESTAMP_AUTHORITY',
      message: 'TSA at https://tsa.keyless.test: refused',
    });
  });

  it('a log the trusted root does not know: ERR_TRANSPARENCY_LOG naming the log', async () => {
    const stranger = new FakeLog({ baseUrl: 'https://stranger.keyless.test', version: 1 });
    const pipeline = await createSigningPipeline(options({ transparencyLogs: [stranger] }));
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect(error.code).toBe('ERR_TRANSPARENCY_LOG');
    expect(error.message).toMatch(
      /^fake Rekor v1 at https:\/\/stranger\.keyless\.test: .* which the trusted root does not list/,
    );
  });

  it("a bundle that does not verify is not returned: ERR_SELF_VERIFICATION with the verifier's code", async () => {
    // The log records the entry under a key the trusted root lists for another validity window.
    const log = new FakeLog({ baseUrl: 'https://late.keyless.test', version: 1 });
    const future = {
      ...log.instance,
      publicKey: { ...log.instance.publicKey, validFor: { start: '2999-01-01T00:00:00Z' } },
    };
    const pipeline = await createSigningPipeline(
      options({ transparencyLogs: [log] }, { trustedRoot: { ...stack.trustedRoot, tlogs: [future] } }),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect(error.code).toBe('ERR_SELF_VERIFICATION');
    expect(error.message).toMatch(
      /^the signed bundle does not verify against the trusted root, so it was not kept: .*\(ERR_TLOG\)$/,
    );
  });

  it('a failed attempt is not kept: the next signature asks for a token again', async () => {
    let calls = 0;
    const good = stack.provider();
    const flaky = {
      name: 'flaky',
      getToken: async (o: { audience: string }) =>
        ++calls === 1 ? Promise.reject(new Error('try again')) : good.getToken(o),
    };
    const pipeline = await createSigningPipeline(options({}, { oidcProvider: flaky }));
    await rejection(pipeline.signBlob(ARTIFACT));
    await pipeline.signBlob(ARTIFACT);
    expect(calls).toBe(2);
  });
});

describe('the identity token', () => {
  it('is asked for with audience sigstore by default', async () => {
    const audiences: string[] = [];
    const provider = stack.provider();
    const recording = {
      name: 'p',
      getToken: (o: { audience: string }) => {
        audiences.push(o.audience);
        return provider.getToken(o);
      },
    };
    const pipeline = await createSigningPipeline(options({}, { oidcProvider: recording }));
    await pipeline.signBlob(ARTIFACT);
    expect(audiences).toEqual(['sigstore']);
  });

  it('that is not a JWT: ERR_IDENTITY_TOKEN without the token in the message', async () => {
    const pipeline = await createSigningPipeline(
      options({}, { oidcProvider: { name: 'p', getToken: async () => 'secret-not-a-jwt' } }),
    );
    const error = await rejection(pipeline.signBlob(ARTIFACT));
    expect(error.code).toBe('ERR_IDENTITY_TOKEN');
    expect(error.message).not.toContain('secret-not-a-jwt');
  });
});
