import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { CoreError, type CoreErrorCode } from '../errors/keyless-error.js';
import { parseBundleText } from './parse-text.js';

/**
 * The conformance cases whose bundle is itself malformed: these must be refused while parsing,
 * with the code and message below. Every other case (including the other `_fail` ones, which fail
 * on signatures, proofs, trust or policy) must parse.
 */
const REFUSED_AT_PARSE: Record<string, { code: CoreErrorCode; message: string | RegExp }> = {
  'bundle-empty-certificate-chain_fail': {
    code: 'ERR_BUNDLE_INVALID',
    message: 'bundle.verificationMaterial.x509CertificateChain.certificates: must not be empty',
  },
  'bundle-invalid-base64-signature_fail': {
    code: 'ERR_BUNDLE_INVALID',
    message: 'bundle.messageSignature.signature: must be base64',
  },
  'bundle-malformed-json_fail': { code: 'ERR_BUNDLE_INVALID', message: /^bundle is not valid JSON: \S/ },
  'bundle-negative-log-index_fail': {
    code: 'ERR_BUNDLE_INVALID',
    message: 'bundle.verificationMaterial.tlogEntries[0].logIndex: must be a non-negative integer',
  },
  'bundle-unknown-version_fail': {
    code: 'ERR_BUNDLE_UNSUPPORTED_VERSION',
    message:
      /^bundle\.mediaType: unsupported bundle media type "application\/vnd\.dev\.sigstore\.bundle\+json;version=99\.9"/,
  },
  'intoto-missing-inclusion-proof_fail': {
    code: 'ERR_BUNDLE_INVALID',
    message: 'bundle.verificationMaterial.tlogEntries[0].inclusionProof: is required in a v0.2 bundle',
  },
  // Besides its stale proof, this v0.2 bundle's inclusion proof has no checkpoint, which v0.2 requires.
  'invalid-inclusion-proof_fail': {
    code: 'ERR_BUNDLE_INVALID',
    message:
      'bundle.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint: is required in a v0.2 bundle',
  },
  'rekor2-no-inclusion-proof_fail': {
    code: 'ERR_BUNDLE_INVALID',
    message: 'bundle.verificationMaterial.tlogEntries[0].inclusionProof: is required in a v0.3 bundle',
  },
};

const cases = readdirSync(conformanceDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readCase(name: string): Buffer {
  return readFileSync(join(conformanceDir, name, 'bundle.sigstore.json'));
}

describe('parseBundleText on the sigstore-conformance bundles', () => {
  it('finds the conformance cases', () => {
    expect(cases.length).toBeGreaterThan(60);
    for (const name of Object.keys(REFUSED_AT_PARSE)) expect(cases).toContain(name);
  });

  for (const name of cases.filter((n) => !(n in REFUSED_AT_PARSE))) {
    it(`parses ${name}`, () => {
      const bundle = parseBundleText(readCase(name));
      expect(bundle.verificationMaterial.tlogEntries.length).toBeGreaterThan(0);
    });
  }

  for (const [name, expected] of Object.entries(REFUSED_AT_PARSE)) {
    it(`refuses ${name} with ${expected.code}`, () => {
      let error: unknown;
      try {
        parseBundleText(readCase(name));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe(expected.code);
      if (typeof expected.message === 'string') expect((error as CoreError).message).toBe(expected.message);
      else expect((error as CoreError).message).toMatch(expected.message);
      expect((error as CoreError).message).not.toContain('\n');
    });
  }
});
