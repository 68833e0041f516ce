import { type JsonFields, type JsonObject, quote } from '../bundle/json-fields.js';
import type { ValidityWindow } from './types.js';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads an RFC 3339 timestamp as protobuf's JSON mapping writes `google.protobuf.Timestamp`
 * (`2025-07-04T00:00:00Z`, up to nine fractional digits, `Z` or a numeric offset). Returns
 * `undefined` for anything else, including impossible dates such as February 30 that
 * `Date.parse` would quietly roll over.
 */
export function parseRfc3339(text: string): Date | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (m[8]) {
    const offsetHours = Number(m[9]);
    const offsetMins = Number(m[10]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return date;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** `parent.validFor` (a protobuf-specs `TimeRange`) as a window; absent means `{}`. */
export function parseValidity(fields: JsonFields, parent: JsonObject, path: string): ValidityWindow {
  const json = fields.optionalObject(parent, 'validFor', path);
  if (!json) return {};
  const window: ValidityWindow = {};
  const start = readTime(fields, json, 'start', `${path}.validFor`);
  const end = readTime(fields, json, 'end', `${path}.validFor`);
  if (start) window.start = start;
  if (end) window.end = end;
  return window;
}

function readTime(fields: JsonFields, json: JsonObject, key: string, path: string): Date | undefined {
  const text = fields.optionalString(json, key, path);
  if (text === undefined) return undefined;
  const date = parseRfc3339(text);
  if (!date)
    fields.fail(
      `${path}.${key}`,
      `must be an RFC 3339 time such as 2025-01-31T12:00:00Z (got ${quote(text)})`,
    );
  return date;
}
