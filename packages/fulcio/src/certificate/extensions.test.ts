import type { CertificateExtension } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { fulcioErrorOf } from '../../test/catch.js';
import { oid as derOid, seq, tlv, utf8String } from '../../test/der.js';
import { conformanceLeaf, pemLeaf } from '../../test/realdata.js';
import { createCa, issueLeaf, x509 } from '../../test/synthetic.js';
import { FulcioError } from '../errors.js';
import {
  decodeFulcioExtension,
  FULCIO_EXTENSION_OIDS,
  FULCIO_EXTENSIONS,
  FULCIO_USERNAME_OTHERNAME_OID,
  fulcioExtensionByName,
  fulcioExtensionByOid,
  fulcioExtensions,
  isFulcioExtensionName,
} from './extensions.js';

const ARC = '1.3.6.1.4.1.57264.1';

function extension(oid: string, value: Uint8Array): CertificateExtension {
  return { oid, critical: false, value, raw: seq(derOid(oid), tlv(0x04, value)) };
}

function decodeError(oid: string, value: Uint8Array): FulcioError {
  return fulcioErrorOf(() => decodeFulcioExtension(extension(oid, value)));
}

describe('the Fulcio extension table', () => {
  it('lists .1 to .6 and .8 to .24, each OID once, and never .7 (the username OtherName)', () => {
    const arcs = FULCIO_EXTENSIONS.map((e) => Number(e.oid.slice(ARC.length + 1)));
    expect(arcs).toEqual([1, 2, 3, 4, 5, 6, ...Array.from({ length: 17 }, (_, i) => i + 8)]);
    expect(FULCIO_EXTENSIONS.some((e) => e.oid === FULCIO_USERNAME_OTHERNAME_OID)).toBe(false);
  });

  it('gives every extension a distinct friendly name', () => {
    const names = FULCIO_EXTENSIONS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('marks .1 to .6 as raw and deprecated and .8 onwards as DER UTF8String', () => {
    for (const e of FULCIO_EXTENSIONS) {
      const arc = Number(e.oid.slice(ARC.length + 1));
      expect([e.encoding, e.deprecated]).toEqual(arc <= 6 ? ['raw', true] : ['utf8String', false]);
    }
  });

  it('maps friendly names to OIDs', () => {
    expect(FULCIO_EXTENSION_OIDS.issuer).toBe(`${ARC}.1`);
    expect(FULCIO_EXTENSION_OIDS.issuerV2).toBe(`${ARC}.8`);
    expect(FULCIO_EXTENSION_OIDS.sourceRepositoryURI).toBe(`${ARC}.12`);
    expect(FULCIO_EXTENSION_OIDS.sourceRepositoryVisibilityAtSigning).toBe(`${ARC}.22`);
    expect(FULCIO_EXTENSION_OIDS.deploymentEnvironment).toBe(`${ARC}.23`);
    expect(FULCIO_EXTENSION_OIDS.tokenSubject).toBe(`${ARC}.24`);
  });

  it('looks entries up by OID and by name', () => {
    expect(fulcioExtensionByOid(`${ARC}.9`)?.name).toBe('buildSignerURI');
    expect(fulcioExtensionByOid(`${ARC}.9`)?.title).toBe('Build Signer URI');
    expect(fulcioExtensionByOid(`${ARC}.7`)).toBeUndefined();
    expect(fulcioExtensionByName('runInvocationURI')?.oid).toBe(`${ARC}.21`);
    expect(fulcioExtensionByName('nope')).toBeUndefined();
  });

  it('recognises friendly names a user typed', () => {
    expect(isFulcioExtensionName('buildTrigger')).toBe(true);
    expect(isFulcioExtensionName('BuildTrigger')).toBe(false);
  });
});

describe('fulcioExtensions on real certificates', () => {
  it('decodes every extension of a 2026 GitHub Actions leaf, .1 to .22', () => {
    const cert = pemLeaf('fulcio/github-actions/salrashid123-go-bazel-release-2026-02-27.leaf.pem');
    const workflow =
      'https://github.com/salrashid123/go-bazel-github-workflow/.github/workflows/release.yaml@refs/tags/v0.0.30';
    expect(fulcioExtensions(cert)).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      githubWorkflowTrigger: 'push',
      githubWorkflowSha: '7624bd5f279fb5d4700ea72c1b2373ee33960700',
      githubWorkflowName: 'Release',
      githubWorkflowRepository: 'salrashid123/go-bazel-github-workflow',
      githubWorkflowRef: 'refs/tags/v0.0.30',
      issuerV2: 'https://token.actions.githubusercontent.com',
      buildSignerURI: workflow,
      buildSignerDigest: '7624bd5f279fb5d4700ea72c1b2373ee33960700',
      runnerEnvironment: 'github-hosted',
      sourceRepositoryURI: 'https://github.com/salrashid123/go-bazel-github-workflow',
      sourceRepositoryDigest: '7624bd5f279fb5d4700ea72c1b2373ee33960700',
      sourceRepositoryRef: 'refs/tags/v0.0.30',
      sourceRepositoryIdentifier: '1150755799',
      sourceRepositoryOwnerURI: 'https://github.com/salrashid123',
      sourceRepositoryOwnerIdentifier: '11149054',
      buildConfigURI: workflow,
      buildConfigDigest: '7624bd5f279fb5d4700ea72c1b2373ee33960700',
      buildTrigger: 'push',
      runInvocationURI:
        'https://github.com/salrashid123/go-bazel-github-workflow/actions/runs/22498294485/attempts/1',
      sourceRepositoryVisibilityAtSigning: 'public',
    });
  });

  it('decodes UTF8Strings with a long-form length (.9 of a conformance leaf is 148 bytes)', () => {
    const cert = conformanceLeaf('happy-path-v0.1');
    expect(fulcioExtensions(cert).buildSignerURI).toBe(
      'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
    );
  });

  it('reads only the legacy raw extensions of a 2023 leaf that predates .8', () => {
    const cert = pemLeaf('fulcio/github-actions/sigstore-java-cert-githuboidc.leaf.pem');
    expect(fulcioExtensions(cert)).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      githubWorkflowTrigger: 'workflow_dispatch',
      githubWorkflowSha: '4ffe2674e1e9e268c00a4f4afa5264fdd399d453',
      githubWorkflowName: 'Tag and Build Release',
      githubWorkflowRepository: 'sigstore/sigstore-java',
      githubWorkflowRef: 'refs/heads/main',
    });
  });

  it('returns nothing for a pre-GA leaf without Fulcio extensions', () => {
    expect(fulcioExtensions(pemLeaf('fulcio/legacy-v0-root/dlorenc-2021-04-01.leaf.pem'))).toEqual({});
  });
});

describe('decodeFulcioExtension', () => {
  it('decodes a raw legacy value as UTF-8', () => {
    expect(decodeFulcioExtension(extension(`${ARC}.4`, Buffer.from('Caf\u00e9 build')))).toBe(
      'Caf\u00e9 build',
    );
  });

  it('decodes a DER UTF8String', () => {
    expect(decodeFulcioExtension(extension(`${ARC}.20`, utf8String('push')))).toBe('push');
  });

  it('decodes an empty DER UTF8String (allowed for .15 to .17 and .22)', () => {
    expect(decodeFulcioExtension(extension(`${ARC}.22`, utf8String('')))).toBe('');
  });

  it('rejects a .8+ value stored raw, as the legacy extensions are', () => {
    const err = decodeError(`${ARC}.12`, Buffer.from('https://github.com/owner/repo'));
    expect(err).toBeInstanceOf(FulcioError);
    expect(err.code).toBe('ERR_CERTIFICATE_EXTENSION_INVALID');
    expect(err.message).toContain('sourceRepositoryURI');
  });

  it('rejects a string type other than UTF8String', () => {
    const err = decodeError(`${ARC}.8`, tlv(0x13, Buffer.from('https://issuer')));
    expect(err.code).toBe('ERR_CERTIFICATE_EXTENSION_INVALID');
    expect(err.message).toContain('tag 0x13');
  });

  it('rejects trailing bytes after the UTF8String', () => {
    const value = Buffer.concat([utf8String('push'), Uint8Array.of(0)]);
    expect(decodeError(`${ARC}.20`, value).code).toBe('ERR_CERTIFICATE_EXTENSION_INVALID');
  });

  it('rejects a truncated UTF8String', () => {
    expect(decodeError(`${ARC}.20`, Uint8Array.of(0x0c, 0x05, 0x70)).code).toBe(
      'ERR_CERTIFICATE_EXTENSION_INVALID',
    );
  });

  it('rejects a non-minimal DER length', () => {
    const value = Uint8Array.of(0x0c, 0x81, 0x04, ...Buffer.from('push'));
    expect(decodeError(`${ARC}.20`, value).message).toContain('non-minimal');
  });

  it('rejects invalid UTF-8 in a UTF8String', () => {
    expect(decodeError(`${ARC}.14`, tlv(0x0c, Uint8Array.of(0xff, 0xfe))).message).toContain('UTF-8');
  });

  it('rejects invalid UTF-8 in a raw legacy value', () => {
    expect(decodeError(`${ARC}.1`, Uint8Array.of(0xc3)).code).toBe('ERR_CERTIFICATE_EXTENSION_INVALID');
  });

  it('refuses an OID that is not a Fulcio extension', () => {
    expect(decodeError('2.5.29.17', utf8String('x')).code).toBe('ERR_CERTIFICATE_EXTENSION_INVALID');
  });
});

describe('fulcioExtensions on synthetic certificates', () => {
  it('throws FulcioError when a certificate carries a malformed extension', async () => {
    const ca = await createCa();
    const { leaf } = await issueLeaf(ca, {
      extensions: [
        new x509.SubjectAlternativeNameExtension([{ type: 'email', value: 'signer@keyless.test' }], true),
        new x509.Extension(`${ARC}.11`, false, Buffer.from('github-hosted')),
      ],
    });
    expect(() => fulcioExtensions(leaf)).toThrowError(
      expect.objectContaining({ code: 'ERR_CERTIFICATE_EXTENSION_INVALID' }),
    );
  });

  it('skips extensions under the Fulcio arc that it does not know', async () => {
    const ca = await createCa();
    const { leaf } = await issueLeaf(ca, {
      extensions: [
        new x509.SubjectAlternativeNameExtension([{ type: 'email', value: 'signer@keyless.test' }], true),
        new x509.Extension(`${ARC}.99`, false, Buffer.from('not a UTF8String')),
        new x509.Extension(`${ARC}.20`, false, utf8String('release')),
      ],
    });
    expect(fulcioExtensions(leaf)).toEqual({ buildTrigger: 'release' });
  });
});
