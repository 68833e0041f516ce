import { decodeBase64Strict } from '@keyless/core';
import { RekorError } from '../errors.js';

/** Readers for the fields of a proposed entry; each names the field's path when it is wrong. */

export function rejectEntry(message: string): never {
  throw new RekorError('ERR_TLOG_ENTRY_REJECTED', message);
}

export type Fields = Record<string, unknown>;

export function objectField(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    rejectEntry(`${path} must be an object`);
  return value as Fields;
}

export function arrayField(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) rejectEntry(`${path} must be an array`);
  return value;
}

export function stringField(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) rejectEntry(`${path} must be a non-empty string`);
  return value;
}

export function base64Field(value: unknown, path: string): Uint8Array {
  const bytes = decodeBase64Strict(stringField(value, path));
  if (!bytes || bytes.length === 0) rejectEntry(`${path} must be base64`);
  return bytes;
}

/** A field that protobuf's JSON mapping may name in lowerCamelCase or in its original snake_case. */
export function protoField(fields: Fields, camel: string): unknown {
  if (fields[camel] !== undefined) return fields[camel];
  return fields[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

/** Parses a JSON request body, rejecting one that is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return rejectEntry('request body is not JSON');
  }
}
