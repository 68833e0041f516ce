import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bytesEqual,
  encodePem,
  isWithinValidity,
  OID,
  type PreparedTrustedRoot,
  parseTrustedRoot,
  prepareTrustedRoot,
  type TrustedRootJson,
  type X509Certificate,
} from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainOf, publicKeyRequest, signingKey, startFulcio, tempDir } from '../../test/fulcio-server.js';
import { startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';
import { certificateIdentity } from '../certificate/identity.js';
import { requireEmbeddedScts } from '../sct/verify.js';

const EMAIL = 'signer@keyless.test';

/**
 * The certificate checks a Sigstore verifier runs, written out with the public pieces: find the
 * trusted CA whose issuing certificate signed the leaf (and whose own chain holds together), check
 * every certificate and the CA's window at the SCT time, require a code-signing end-entity leaf,
 * and require a verified SCT. Returns the identity the leaf proves.
 */
function verifyLikeASigstoreClient(leaf: X509Certificate, trust: PreparedTrustedRoot) {
  const authority = trust.certificateAuthorities.find(
    (ca) =>
      bytesEqual(ca.certificates[0]!.subjectDer, leaf.issuerDer) &&
      leaf.verifySignedBy(ca.certificates[0]!.publicKey) &&
      ca.certificates.every((cert, i) => cert.verifySignedBy((ca.certificates[i + 1] ?? cert).publicKey)),
  );
  if (!authority) throw new Error('no trusted CA issued the leaf');
  const [sct] = requireEmbeddedScts(leaf, authority.certificates[0]!, trust.ctlogs);
  const time = sct!.timestamp;
  if (!leaf.validAt(time) || !isWithinValidity(authority.validFor, time))
    throw new Error('not valid at SCT time');
  if (!authority.certificates.every((cert) => cert.validAt(time)))
    throw new Error('CA not valid at SCT time');
  if (
    leaf.basicConstraints?.ca ||
    !leaf.keyUsage?.digitalSignature ||
    !leaf.extKeyUsage.includes(OID.codeSigning)
  ) {
    throw new Error('not a code-signing leaf');
  }
  return certificateIdentity(leaf);
}

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(() => issuer.close());

async function issueFrom(fulcio: Awaited<ReturnType<typeof startFulcio>>) {
  const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
  const { status, json } = await fulcio.signingCert(publicKeyRequest(token, signingKey(), EMAIL));
  expect(status).toBe(200);
  return chainOf(json);
}

/** A trusted_root.json built from the server's pieces, as the dev stack writes it. */
function trustedRootJson(fulcio: Awaited<ReturnType<typeof startFulcio>>): TrustedRootJson {
  return JSON.parse(
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [],
      certificateAuthorities: [fulcio.server.certificateAuthority],
      ctlogs: [fulcio.server.ctlog],
      timestampAuthorities: [],
    }),
  );
}

describe('a certificate issued here, checked as a verifier does', () => {
  it('passes the chain, validity, usage and SCT checks against a trusted root built from the server', async () => {
    const fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
    try {
      const [leaf] = await issueFrom(fulcio);
      const trust = prepareTrustedRoot(parseTrustedRoot(trustedRootJson(fulcio)));
      const identity = verifyLikeASigstoreClient(leaf!, trust);
      expect([identity.subjectAlternativeName, identity.issuer]).toEqual([EMAIL, issuer.url]);
    } finally {
      await fulcio.close();
    }
  });

  it('still verifies against the trusted root of the first start after a restart on the same folder', async () => {
    const dir = tempDir();
    try {
      const first = await startFulcio({ dir, oidcIssuers: [{ issuerUrl: issuer.url }] });
      const trust = prepareTrustedRoot(parseTrustedRoot(trustedRootJson(first)));
      await first.close();
      const second = await startFulcio({ dir, oidcIssuers: [{ issuerUrl: issuer.url }] });
      const [leaf] = await issueFrom(second);
      await second.close();
      expect(verifyLikeASigstoreClient(leaf!, trust).subjectAlternativeName).toBe(EMAIL);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Needs the openssl binary (CI installs it); without it the test fails rather than skips.
  it('is accepted by OpenSSL as a code-signing certificate under the root', async () => {
    const fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
    const dir = tempDir();
    try {
      const [leaf, intermediate, root] = await issueFrom(fulcio);
      const file = (name: string, cert: X509Certificate) => {
        writeFileSync(join(dir, name), encodePem('CERTIFICATE', cert.der));
        return join(dir, name);
      };
      const output = execFileSync(
        'openssl',
        [
          'verify',
          '-purpose',
          'any',
          '-CAfile',
          file('root.pem', root!),
          '-untrusted',
          file('intermediate.pem', intermediate!),
          file('leaf.pem', leaf!),
        ],
        { encoding: 'utf8' },
      );
      expect(output).toMatch(/leaf\.pem: OK/);
    } finally {
      await fulcio.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
