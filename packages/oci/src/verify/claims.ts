import { OciError } from '../errors.js';

/**
 * Requires every expected annotation to be among the signed ones. Signed values that are not
 * strings (cosign allows any JSON) match their JSON text.
 */
export function assertAnnotations(
  signed: Record<string, unknown> | null | undefined,
  expected: Readonly<Record<string, string>>,
): string[] {
  const checks: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const actual = signed?.[key];
    const text =
      typeof actual === 'string' ? actual : actual === undefined ? undefined : JSON.stringify(actual);
    if (text === undefined) {
      throw new OciError('ERR_PAYLOAD_MISMATCH', `the signed claims have no annotation "${key}"`);
    }
    if (text !== value) {
      throw new OciError(
        'ERR_PAYLOAD_MISMATCH',
        `annotation "${key}" is signed as "${text.slice(0, 200)}", expected "${value}"`,
      );
    }
    checks.push(`annotation ${key}=${value} is signed`);
  }
  return checks;
}
