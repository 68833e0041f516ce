import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from './parse-time.js';

describe('parseRfc3339', () => {
  it('reads a UTC time', () => {
    expect(parseRfc3339('2025-07-04T00:00:00Z')?.toISOString()).toBe('2025-07-04T00:00:00.000Z');
  });

  it('reads up to nine fractional digits, keeping milliseconds', () => {
    expect(parseRfc3339('2022-04-13T20:06:15.5Z')?.getTime()).toBe(Date.UTC(2022, 3, 13, 20, 6, 15, 500));
    expect(parseRfc3339('2022-04-13T20:06:15.123456789Z')?.getTime()).toBe(
      Date.UTC(2022, 3, 13, 20, 6, 15, 123),
    );
    expect(parseRfc3339('2022-04-13T20:06:15.1234567891Z')).toBeUndefined();
  });

  it('applies numeric offsets', () => {
    expect(parseRfc3339('2022-04-13T22:06:15+02:00')?.toISOString()).toBe('2022-04-13T20:06:15.000Z');
    expect(parseRfc3339('2022-04-13T00:30:00-01:45')?.toISOString()).toBe('2022-04-13T02:15:00.000Z');
  });

  it('accepts lower-case t and z, as RFC 3339 allows', () => {
    expect(parseRfc3339('2022-04-13t20:06:15z')?.toISOString()).toBe('2022-04-13T20:06:15.000Z');
  });

  it('refuses impossible dates and times instead of rolling them over', () => {
    for (const text of [
      '2021-02-29T00:00:00Z',
      '2022-13-01T00:00:00Z',
      '2022-04-31T00:00:00Z',
      '2022-04-13T24:00:00Z',
      '2022-04-13T23:60:00Z',
      '2022-04-13T23:59:60Z',
      '2022-04-13T10:00:00+24:00',
    ]) {
      expect(parseRfc3339(text), text).toBeUndefined();
    }
  });

  it('knows leap years', () => {
    expect(parseRfc3339('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseRfc3339('2000-02-29T00:00:00Z')).toBeDefined();
    expect(parseRfc3339('1900-02-29T00:00:00Z')).toBeUndefined();
  });

  it('keeps years below 100 as written', () => {
    expect(parseRfc3339('0050-01-01T00:00:00Z')?.getUTCFullYear()).toBe(50);
  });

  it('refuses other date formats', () => {
    for (const text of [
      '2022-04-13',
      '2022-04-13T20:06:15',
      '2022-04-13 20:06:15Z',
      'Wed, 13 Apr 2022',
      '',
      '1649880375',
    ]) {
      expect(parseRfc3339(text), text).toBeUndefined();
    }
  });
});
