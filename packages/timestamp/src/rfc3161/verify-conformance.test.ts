/**
 * The RFC 3161 timestamps of the sigstore-conformance `bundle-verify` cases, verified over the
 * bundle's signature with the case's trusted root. Some `_fail` cases fail for a reason outside the
 * timestamp (the time falls outside the signing certificate); for those the timestamp itself
 * verifies and the test shows the time the pipeline rejects.
 */
import { describe, expect, it } from 'vitest';
import { conformanceCase } from '../../test/vectors.js';
import { verifyRfc3161Timestamp } from './verify.js';

const STAGING_URI = 'https://timestamp.sigstage.dev/api/v1/timestamp';

function verifyCase(name: string) {
  const c = conformanceCase(name);
  expect(c.timestamps).toHaveLength(1);
  return { c, run: () => verifyRfc3161Timestamp(c.timestamps[0]!, c.signature, c.trusted.tsas) };
}

describe('conformance bundles whose timestamp verifies', () => {
  it.each([
    ['rekor2-timestamp-with-embedded-cert', STAGING_URI, '2025-08-06T18:51:36Z'],
    ['rekor2-timestamp-without-embedded-cert', STAGING_URI, '2025-08-06T19:03:51Z'],
    [
      'rekor2-timestamp-with-expired-cert-chain',
      'https://localhost:3000/api/v1/timestamp',
      '2025-08-07T15:32:26Z',
    ],
    ['trust-root-tsa-validity-end-inclusive', STAGING_URI, '2025-06-12T12:02:20Z'],
    ['managed-key-happy-path', 'https://timestamp.sigstore.dev/api/v1/timestamp', '2025-12-18T17:04:39Z'],
  ])('%s', (name, authority, time) => {
    expect(verifyCase(name).run()).toEqual({ kind: 'rfc3161', authority, time: new Date(time) });
  });
});

describe('conformance bundles whose timestamp is rejected', () => {
  it.each([
    ['rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail', 'ERR_TIMESTAMP_UNTRUSTED'],
    ['rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail', 'ERR_TIMESTAMP_UNTRUSTED'],
    ['rekor2-timestamp-outside-tsa-cert-validity_fail', 'ERR_TIMESTAMP_OUTSIDE_VALIDITY'],
    ['rekor2-timestamp-outside-trust-root-tsa-validity_fail', 'ERR_TIMESTAMP_OUTSIDE_VALIDITY'],
    ['rekor2-timestamp-payload-mismatch_fail', 'ERR_TIMESTAMP_IMPRINT_MISMATCH'],
  ])('%s fails with %s', (name, code) => {
    expect(verifyCase(name).run).toThrow(expect.objectContaining({ code }));
  });
});

describe('conformance bundles whose timestamp lies outside the signing certificate', () => {
  it.each(['rekor2-timestamp-with-incorrect-time_fail', 'intoto-tsa-timestamp-outside-cert-validity_fail'])(
    '%s: the timestamp verifies but its time is after the certificate expired',
    (name) => {
      const { c, run } = verifyCase(name);
      const { time } = run();
      expect(c.certificate!.validAt(time)).toBe(false);
      expect(time.getTime()).toBeGreaterThan(c.certificate!.notAfter.getTime());
    },
  );
});
