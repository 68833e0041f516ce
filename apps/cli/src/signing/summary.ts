import type { SigningResult } from '@keyless/sign';

/**
 * What a signing command prints once the bundle is written: what was signed, where the bundle is,
 * who signed, and the log entries and verified times the bundle carries.
 */
export function formatSigningSummary(what: string, bundlePath: string, result: SigningResult): string {
  const lines = [
    `${what}`,
    `Bundle:    ${bundlePath}`,
    `Identity:  ${result.identity.subjectAlternativeName}`,
    `Issuer:    ${result.identity.issuer}`,
  ];
  for (const entry of result.bundle.verificationMaterial.tlogEntries ?? []) {
    lines.push(`Log entry: index ${entry.logIndex} (${entry.kindVersion.kind} ${entry.kindVersion.version})`);
  }
  for (const timestamp of result.verification.timestamps) {
    const kind = timestamp.kind === 'rfc3161' ? 'RFC 3161 timestamp' : 'transparency log';
    lines.push(`Time:      ${timestamp.time.toISOString()}  ${kind}  ${timestamp.authority}`);
  }
  return `${lines.join('\n')}\n`;
}
