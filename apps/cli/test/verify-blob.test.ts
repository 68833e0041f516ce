import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keylessProgram } from '../src/program/keyless.js';
import { conformanceCase, keyAlgorithms, keyAlgorithmsPolicy, provenance, python } from './fixtures.js';
import { runCli } from './run-cli.js';

const verifyBlob = (...argv: string[]) => runCli(keylessProgram, ['verify-blob', ...argv]);

const scratch = mkdtempSync(join(tmpdir(), 'keyless-verify-blob-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('keyless verify-blob', () => {
  it.each([
    'PKIX_ECDSA_P256_SHA_256',
    'PKIX_ECDSA_P384_SHA_384',
    'PKIX_ECDSA_P521_SHA_512',
    'PKIX_RSA_PKCS1V15_2048_SHA256',
    'PKIX_RSA_PKCS1V15_3072_SHA256',
    'PKIX_RSA_PKCS1V15_4096_SHA256',
  ])('verifies the %s bundle over artifact.txt offline', async (algorithm) => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(algorithm),
      ...keyAlgorithmsPolicy,
      '--offline',
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('prints the checks performed, the identity, the issuer and the verified times', async () => {
    const run = await runCli(
      keylessProgram,
      ['verify-blob', 'artifact.txt', '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy],
      { cwd: dirname(keyAlgorithms.artifact) },
    );
    expect(run.stdout).toMatch(
      new RegExp(
        [
          '^Verified OK: artifact\\.txt\\n',
          '\\nThe following checks were performed:\\n',
          '(  - .+\\n)+',
          '\\nIdentity: +untrusted-sa@sigstore-conformance\\.iam\\.gserviceaccount\\.com\\n',
          'Issuer: +https://accounts\\.google\\.com\\n',
          'Bundle: .+\\n',
          'Verified timestamps:\\n',
          '  - \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  transparency log  https://rekor\\.sigstore\\.dev\\n$',
        ].join(''),
      ),
    );
  });

  it('lists a signature check among the checks', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
    );
    expect(run.stdout).toMatch(/^ {2}- Signature: +\S/m);
  });

  it('verifies by sha256 digest when the file is not at hand', async () => {
    const run = await verifyBlob(
      python.digest,
      '--bundle',
      python.bundle,
      '--certificate-identity',
      python.identity,
      '--certificate-oidc-issuer',
      python.issuer,
    );
    expect({ code: run.code, first: run.stdout.split('\n')[0] }).toEqual({
      code: 0,
      first: `Verified OK: ${python.digest}`,
    });
  });

  it('accepts identity and issuer regular expressions', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      '--certificate-identity-regexp',
      '^untrusted-sa@sigstore-conformance\\.iam\\.gserviceaccount\\.com$',
      '--certificate-oidc-issuer-regexp',
      '^https://accounts\\.google\\.com$',
    );
    expect(run.code).toBe(0);
  });

  it('verifies a key-signed bundle with --key and a trusted root file', async () => {
    const run = await verifyBlob(
      conformanceCase('managed-key-and-trusted-root', '../a.txt'),
      '--bundle',
      conformanceCase('managed-key-and-trusted-root', 'bundle.sigstore.json'),
      '--key',
      conformanceCase('managed-key-and-trusted-root', 'key.pub'),
      '--trusted-root',
      conformanceCase('managed-key-and-trusted-root', 'trusted_root.json'),
    );
    expect({ code: run.code, key: /^Key: +SHA256:\S+$/m.test(run.stdout) }).toEqual({ code: 0, key: true });
  });

  it('fails with exit 1 and ERR_IDENTITY_MISMATCH for another identity', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      '--certificate-identity',
      'someone-else@example.com',
      '--certificate-oidc-issuer',
      keyAlgorithms.issuer,
    );
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^keyless: verification failed: .*\(ERR_IDENTITY_MISMATCH\)\n$/),
    });
  });

  it('fails with exit 1 and ERR_ISSUER_MISMATCH for another issuer', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      '--certificate-identity',
      keyAlgorithms.identity,
      '--certificate-oidc-issuer',
      'https://token.actions.githubusercontent.com',
    );
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('(ERR_ISSUER_MISMATCH)')]);
  });

  it('fails with exit 1 when a required certificate extension differs', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
      '--certificate-extension',
      'sourceRepositoryURI=https://github.com/example/nope',
    );
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('(ERR_EXTENSION_MISMATCH)')]);
  });

  it('fails with exit 1 and ERR_ARTIFACT_MISMATCH for a modified artifact', async () => {
    const tampered = join(scratch, 'artifact.txt');
    writeFileSync(tampered, `${readFileSync(keyAlgorithms.artifact, 'utf8')}one more line\n`);
    const run = await verifyBlob(tampered, '--bundle', keyAlgorithms.bundle(), ...keyAlgorithmsPolicy);
    expect([run.code, run.stderr]).toEqual([
      1,
      expect.stringMatching(/^keyless: verification failed: .*\(ERR_ARTIFACT_MISMATCH\)\n$/),
    ]);
  });

  it('fails with exit 1 when a DSSE subject does not match the artifact', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      provenance.bundle,
      '--certificate-identity',
      provenance.identity,
      '--certificate-oidc-issuer',
      provenance.issuer,
    );
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('(ERR_ARTIFACT_MISMATCH)')]);
  });
});

describe('keyless verify-blob --output json', () => {
  it('prints the result as JSON with base64 bytes and ISO times', async () => {
    const run = await verifyBlob(
      keyAlgorithms.artifact,
      '--bundle',
      keyAlgorithms.bundle(),
      ...keyAlgorithmsPolicy,
      '--output',
      'json',
    );
    expect(JSON.parse(run.stdout)).toEqual({
      verified: true,
      subject: keyAlgorithms.artifact,
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      bundleVersion: expect.any(String),
      content: { type: 'message-signature' },
      signer: {
        identity: keyAlgorithms.identity,
        issuer: keyAlgorithms.issuer,
        extensions: expect.objectContaining({ issuer: keyAlgorithms.issuer }),
        certificate: expect.stringMatching(/^MII[A-Za-z0-9+/]+=*$/),
        publicKey: expect.stringMatching(/^MF[A-Za-z0-9+/]+=*$/),
      },
      timestamps: [
        {
          kind: 'transparency-log',
          authority: 'https://rekor.sigstore.dev',
          time: expect.stringMatching(/^2026-05-26T14:2\d:\d\d\.000Z$/),
        },
      ],
      checks: expect.arrayContaining([{ name: 'signature', detail: expect.any(String) }]),
      warnings: [],
    });
  });

  it('prints a DSSE payload as base64', async () => {
    const dir = 'happy-path-intoto-in-dsse-v3';
    const run = await verifyBlob(
      conformanceCase('', 'a.txt'),
      '--bundle',
      conformanceCase(dir, 'bundle.sigstore.json'),
      '--certificate-identity',
      'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
      '--certificate-oidc-issuer',
      'https://token.actions.githubusercontent.com',
      '-o',
      'json',
    );
    const { content } = JSON.parse(run.stdout);
    expect(JSON.parse(Buffer.from(content.payload, 'base64').toString('utf8'))).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
    });
  });
});
