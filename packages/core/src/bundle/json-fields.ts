import { decodeBase64Strict } from '../encoding/base64.js';
import { CoreError, type CoreErrorCode } from '../errors/keyless-error.js';

/** A decoded JSON object, read field by field. */
export type JsonObject = Record<string, unknown>;

const MAX_QUOTED = 80;

/** A short, single-line rendering of an untrusted value for an error message. */
export function quote(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}...` : value);
}

/**
 * Path-aware readers for the protobuf JSON mapping the Sigstore documents use. Every failure is a
 * `CoreError` with this reader's code and a message that starts with the JSON path of the field.
 * Paths are built only when something fails, so a valid document costs no string work.
 *
 * As protobuf's JSON mapping says, `null` means the same as an absent field.
 */
export class JsonFields {
  constructor(private readonly code: CoreErrorCode) {}

  fail(path: string, problem: string, code: CoreErrorCode = this.code): never {
    throw new CoreError(code, `${path}: ${problem}`);
  }

  /** `value` itself as an object (not an array, not null). */
  asObject(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'must be an object');
    return value as JsonObject;
  }

  object(parent: JsonObject, key: string, path: string): JsonObject {
    const value = parent[key];
    if (value === undefined || value === null) this.fail(`${path}.${key}`, 'is required');
    return this.asObject(value, `${path}.${key}`);
  }

  optionalObject(parent: JsonObject, key: string, path: string): JsonObject | undefined {
    const value = parent[key];
    return value === undefined || value === null ? undefined : this.asObject(value, `${path}.${key}`);
  }

  /** A repeated field; absent means empty. */
  array(parent: JsonObject, key: string, path: string): unknown[] {
    const value = parent[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(`${path}.${key}`, 'must be an array');
    return value;
  }

  /** A required string; `nonEmpty` also refuses `""` (protobuf cannot tell it from absent). */
  string(parent: JsonObject, key: string, path: string, nonEmpty = true): string {
    const value = parent[key];
    if (value === undefined || value === null) this.fail(`${path}.${key}`, 'is required');
    if (typeof value !== 'string') this.fail(`${path}.${key}`, 'must be a string');
    if (nonEmpty && value.length === 0) this.fail(`${path}.${key}`, 'must not be empty');
    return value;
  }

  optionalString(parent: JsonObject, key: string, path: string): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(`${path}.${key}`, 'must be a string');
    return value;
  }

  /** A required, non-empty `bytes` field (standard or URL-safe base64, padding optional). */
  bytes(parent: JsonObject, key: string, path: string): Uint8Array {
    const bytes = this.decode(this.string(parent, key, path), `${path}.${key}`);
    if (bytes.length === 0) this.fail(`${path}.${key}`, 'must not be empty');
    return bytes;
  }

  /** A `bytes` field that may be absent; absent is empty, as in protobuf. */
  optionalBytes(parent: JsonObject, key: string, path: string): Uint8Array {
    const text = this.optionalString(parent, key, path);
    return text === undefined ? new Uint8Array(0) : this.decode(text, `${path}.${key}`);
  }

  /** An element of a repeated `bytes` field. */
  bytesValue(value: unknown, path: string): Uint8Array {
    if (typeof value !== 'string') this.fail(path, 'must be a base64 string');
    const bytes = this.decode(value, path);
    if (bytes.length === 0) this.fail(path, 'must not be empty');
    return bytes;
  }

  /**
   * A required int64/uint64 field: a JSON string of decimal digits or a JSON number, non-negative and
   * no larger than `Number.MAX_SAFE_INTEGER`.
   */
  uint64(parent: JsonObject, key: string, path: string): number {
    const value = parent[key];
    if (value === undefined || value === null) this.fail(`${path}.${key}`, 'is required');
    return this.toUint64(value, `${path}.${key}`);
  }

  /** An int64 field whose absence means 0. */
  optionalUint64(parent: JsonObject, key: string, path: string): number {
    const value = parent[key];
    return value === undefined || value === null ? 0 : this.toUint64(value, `${path}.${key}`);
  }

  /** One of `allowed` (an enum written by name). */
  enumName<T extends string>(parent: JsonObject, key: string, path: string, allowed: readonly T[]): T {
    const value = parent[key];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(`${path}.${key}`, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  private toUint64(value: unknown, path: string): number {
    let n: number | undefined;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && isDecimal(value)) n = Number(value);
    if (n === undefined || !Number.isInteger(n) || n < 0)
      return this.fail(path, 'must be a non-negative integer');
    if (n > Number.MAX_SAFE_INTEGER) return this.fail(path, `must be at most ${Number.MAX_SAFE_INTEGER}`);
    // JSON `-0` parses to a negative zero; the model holds plain zero.
    return n === 0 ? 0 : n;
  }

  private decode(text: string, path: string): Uint8Array {
    // Line-wrapped base64 (as `base64` and PEM tools write it) is accepted, as Go's protojson and
    // Python's decoders do; the fast path never looks for line breaks.
    const bytes =
      decodeBase64Strict(text) ??
      (LINE_BREAK.test(text) ? decodeBase64Strict(text.replace(LINE_BREAKS, '')) : undefined);
    if (bytes === undefined) this.fail(path, 'must be base64');
    return bytes;
  }
}

const LINE_BREAK = /[\r\n]/;
const LINE_BREAKS = /[\r\n]+/g;

function isDecimal(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
