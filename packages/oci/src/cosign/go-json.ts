/**
 * A JSON string literal as Go's `encoding/json` writes it: like `JSON.stringify`, plus `<`, `>`,
 * `&`, U+2028 and U+2029 escaped as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`. cosign
 * marshals its payloads with Go, and a payload must be byte-identical to cosign's to hash alike.
 *
 * @example
 * ```ts
 * goJsonString('a<b'); // '"a\\u003cb"'
 * ```
 */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A JSON object with string values and keys in byte order, as Go marshals a `map[string]string`
 * (and `map[string]interface{}` holding strings).
 */
export function goJsonStringMap(map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(map[k]!)}`).join(',')}}`;
}
