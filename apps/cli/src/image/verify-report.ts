import type { ImageVerificationResult, VerifiedSignature } from '@keyless/oci';
import type { VerificationCheckName } from '@keyless/verify';

/** The checks cosign lists for image signatures, each tied to what `@keyless/verify` reports. */
const CHECK_LINES: ReadonlyArray<readonly [VerificationCheckName | 'claims', string]> = [
  ['claims', 'The cosign claims were validated'],
  ['tlog-entry', 'Existence of the claims in the transparency log was verified offline'],
  ['certificate-validity', 'The signatures were integrated while the certificate was valid'],
  ['timestamp', 'The signatures were timestamped by a trusted timestamp authority'],
  [
    'certificate-chain',
    'The code-signing certificate was verified using trusted certificate authority certificates',
  ],
];

function passed(signature: VerifiedSignature, check: VerificationCheckName | 'claims'): boolean {
  return check === 'claims' || signature.verification.checks.some((c) => c.name === check);
}

/**
 * What `keyless verify IMAGE` prints to stderr on success: the image, the checks every verified
 * signature passed, and each signer's certificate subject and issuer.
 */
export function formatImageChecks(
  image: string,
  result: ImageVerificationResult,
  annotations: Record<string, string>,
): string {
  const lines = [
    `Verification for ${image} --`,
    'The following checks were performed on each of these signatures:',
  ];
  for (const [check, text] of CHECK_LINES) {
    if (result.signatures.every((s) => passed(s, check))) lines.push(`  - ${text}`);
  }
  if (Object.keys(annotations).length > 0) {
    lines.push(
      `  - The signed annotations include ${Object.entries(annotations)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  }
  lines.push('');
  for (const signature of result.signatures) {
    const { identity, issuer } = signature.verification.signer;
    lines.push(`Signature ${signature.source} (${signature.format} format):`);
    if (identity !== undefined) lines.push(`  Certificate subject: ${identity}`);
    if (issuer !== undefined) lines.push(`  Certificate issuer URL: ${issuer}`);
  }
  if (result.rejected.length > 0) {
    const n = result.rejected.length;
    lines.push(
      '',
      `${n} other signature${n === 1 ? '' : 's'} did not verify under this policy (--output json says why)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The verified claims, one JSON array on one line, as cosign prints them to stdout. */
export function formatClaims(result: ImageVerificationResult): string {
  return `${JSON.stringify(result.signatures.map((s) => s.claims))}\n`;
}

/** The whole result as JSON (`--output json`), for scripts. */
export function formatImageJson(image: string, result: ImageVerificationResult): string {
  const report = {
    verified: true,
    image,
    digest: result.image.digest,
    signatures: result.signatures.map((s) => ({
      format: s.format,
      source: s.source,
      claims: s.claims,
      claimChecks: s.claimChecks,
      identity: s.verification.signer.identity,
      issuer: s.verification.signer.issuer,
      extensions: s.verification.signer.extensions,
      checks: s.verification.checks,
      timestamps: s.verification.timestamps.map((t) => ({ ...t, time: t.time.toISOString() })),
    })),
    rejected: result.rejected.map((r) => ({
      source: r.source,
      code: r.error.code,
      message: r.error.message,
    })),
    warnings: result.warnings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
