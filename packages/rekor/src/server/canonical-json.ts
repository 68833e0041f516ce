/**
 * JSON in the canonical form Rekor stores entry bodies in (RFC 8785 JCS as applied to bodies made
 * of strings, integers, booleans, arrays and objects): object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as `JSON.stringify` does. Keys whose value is `undefined` are left out.
 *
 * @example
 * ```ts
 * canonicalJson({ kind: 'hashedrekord', apiVersion: '0.0.1' }); // '{"apiVersion":"0.0.1","kind":"hashedrekord"}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new RangeError(`canonical JSON here holds integers only, not ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}
