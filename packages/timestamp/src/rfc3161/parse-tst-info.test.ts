import { describe, expect, it } from 'vitest';
import {
  algorithm,
  bool,
  ctx,
  ctxPrimitive,
  generalizedTime,
  int,
  octets,
  oid,
  seq,
} from '../../test/der.js';
import { TSP_OID } from './oids.js';
import { parseTstInfo } from './parse-tst-info.js';

function tstInfo(genTime: string, ...optional: Uint8Array[]): Uint8Array {
  return seq(
    int(1),
    oid('1.2.3.4'),
    seq(algorithm(TSP_OID.sha384), octets(new Uint8Array(48))),
    int(7),
    generalizedTime(genTime),
    ...optional,
  );
}

const malformed = expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' });

describe('parseTstInfo', () => {
  it('reads a genTime without fraction', () => {
    expect(parseTstInfo(tstInfo('20250612120220Z')).genTime.toISOString()).toBe('2025-06-12T12:02:20.000Z');
  });

  it('keeps a fraction of a second to the millisecond', () => {
    expect(parseTstInfo(tstInfo('20250612120220.5Z')).genTime.toISOString()).toBe('2025-06-12T12:02:20.500Z');
    expect(parseTstInfo(tstInfo('20250612120220.035Z')).genTime.toISOString()).toBe(
      '2025-06-12T12:02:20.035Z',
    );
  });

  it('drops digits finer than a millisecond', () => {
    expect(parseTstInfo(tstInfo('20250612120220.123999Z')).genTime.toISOString()).toBe(
      '2025-06-12T12:02:20.123Z',
    );
  });

  it.each([
    ['a local time', '20250612120220'],
    ['an offset', '20250612120220+0100'],
    ['a comma fraction', '20250612120220,5Z'],
    ['an empty fraction', '20250612120220.Z'],
    ['month 13', '20251312120220Z'],
    ['February 30th', '20250230120220Z'],
    ['letters', '2025061212022AZ'],
  ])('rejects a genTime with %s', (_, text) => {
    expect(() => parseTstInfo(tstInfo(text))).toThrow(malformed);
  });

  it('reads accuracy with absent fields as zero', () => {
    const info = parseTstInfo(tstInfo('20250101000000Z', seq(ctxPrimitive(0, Uint8Array.of(5)))));
    expect(info.accuracy).toEqual({ seconds: 0, millis: 5, micros: 0 });
  });

  it('rejects accuracy millis past 999', () => {
    expect(() =>
      parseTstInfo(tstInfo('20250101000000Z', seq(ctxPrimitive(0, Uint8Array.of(0x03, 0xe8))))),
    ).toThrow(malformed);
  });

  it('reads ordering, nonce and tsa in order', () => {
    const name = seq();
    const info = parseTstInfo(tstInfo('20250101000000Z', bool(true), int(-5), ctx(0, ctx(4, name))));
    expect(info.ordering).toBe(true);
    expect(info.nonce).toBe(-5n);
    expect(info.tsa).toMatchObject({ type: 'other', tag: 0xa4 });
  });

  it('rejects fields out of order', () => {
    expect(() => parseTstInfo(tstInfo('20250101000000Z', int(5), bool(true)))).toThrow(malformed);
  });

  it('rejects a version other than 1', () => {
    const bytes = tstInfo('20250101000000Z');
    bytes[4] = 2;
    expect(() => parseTstInfo(bytes)).toThrow(malformed);
  });
});
