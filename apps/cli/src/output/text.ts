import { createHash } from 'node:crypto';
import type { VerificationResult } from '@keyless/verify';

/** Human-readable name of each check, in the order verification runs them. */
const CHECK_TITLES: Record<string, string> = {
  bundle: 'Bundle',
  'certificate-chain': 'Certificate chain',
  'certificate-usage': 'Certificate usage',
  sct: 'Certificate transparency',
  'tlog-entry': 'Transparency log',
  'tlog-body': 'Log entry body',
  timestamp: 'Timestamp',
  'certificate-validity': 'Certificate validity',
  artifact: 'Artifact',
  signature: 'Signature',
  'public-key': 'Public key',
  identity: 'Identity',
  issuer: 'Issuer',
  extensions: 'Extensions',
};

function fingerprint(spki: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(spki).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The text report of a successful verification: what was verified, every check performed, who
 * signed, and when (from verified evidence only).
 *
 * @example
 * ```ts
 * process.stdout.write(formatTextReport('artifact.txt', result));
 * ```
 */
export function formatTextReport(subject: string, result: VerificationResult): string {
  const lines = [`Verified OK: ${subject}`, '', 'The following checks were performed:'];
  const width = Math.max(...result.checks.map((c) => (CHECK_TITLES[c.name] ?? c.name).length));
  for (const check of result.checks) {
    const title = `${CHECK_TITLES[check.name] ?? check.name}:`.padEnd(width + 2);
    lines.push(`  - ${title}${check.detail}`);
  }
  lines.push('');
  const { signer } = result;
  if (signer.identity !== undefined) {
    lines.push(`Identity:  ${signer.identity}`);
    if (signer.issuer !== undefined) lines.push(`Issuer:    ${signer.issuer}`);
  } else {
    lines.push(`Key:       ${fingerprint(signer.publicKey)}`);
  }
  const content =
    result.content.type === 'dsse' ? `DSSE envelope (${result.content.payloadType})` : 'message signature';
  lines.push(`Bundle:    ${result.bundleVersion}, ${content}`);
  if (result.timestamps.length === 0) {
    lines.push('Verified timestamps: none');
  } else {
    lines.push('Verified timestamps:');
    for (const ts of result.timestamps) {
      const kind = ts.kind === 'rfc3161' ? 'RFC 3161 timestamp' : 'transparency log';
      lines.push(`  - ${ts.time.toISOString()}  ${kind}  ${ts.authority}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
