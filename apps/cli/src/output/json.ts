import type { VerificationResult } from '@keyless/verify';

/** Plain JSON data: bytes become base64 strings, dates ISO 8601 strings. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (value instanceof RegExp) return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJsonValue(v)]),
    );
  }
  return value;
}

/**
 * The JSON report of a successful verification (`--output json`): `{ "verified": true, subject,
 * ...result }` with byte fields (certificate, public key, DSSE payload) in base64 and times in
 * ISO 8601.
 *
 * @example
 * ```ts
 * JSON.parse(formatJsonReport('a.txt', result)).signer.identity;
 * ```
 */
export function formatJsonReport(subject: string, result: VerificationResult): string {
  return `${JSON.stringify(toJsonValue({ verified: true, subject, ...result }), null, 2)}\n`;
}
