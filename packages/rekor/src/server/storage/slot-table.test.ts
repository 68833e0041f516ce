import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlotTable } from './slot-table.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tablePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-slot-table-'));
  dirs.push(dir);
  return join(dir, 't.tbl');
}

const always = () => true;
const keep = (value: number) => (old: number | undefined) => old ?? value;

describe('SlotTable', () => {
  it('grows past its initial capacity and keeps every value', () => {
    const table = SlotTable.create(tablePath());
    for (let i = 0; i < 5000; i++) table.put(i * 7919, i, always, keep(i));
    expect(table.size).toBe(5000);
    for (const i of [0, 1, 2500, 4999]) expect(table.lookup(i * 7919, i, always)).toBe(i);
    expect(table.lookup(1, 123_456, always)).toBeUndefined();
  });

  it('tells fingerprint collisions apart with the caller check', () => {
    const table = SlotTable.create(tablePath());
    table.put(1, 2, () => false, keep(10));
    table.put(1, 2, (v) => v === 11, keep(11));
    expect(table.lookup(1, 2, (v) => v === 11)).toBe(11);
    expect(table.lookup(1, 2, (v) => v === 10)).toBe(10);
  });

  it('persists a rewrite, then patches changed pages, and reads both back', () => {
    const path = tablePath();
    const table = SlotTable.create(path);
    for (let i = 0; i < 3000; i++) table.put(i, i, always, keep(i));
    table.persist();
    const loaded = SlotTable.load(path)!;
    loaded.put(99_999, 99_999, always, keep(42));
    loaded.put(5, 5, always, () => 77);
    loaded.persist();
    const again = SlotTable.load(path)!;
    expect(again.size).toBe(3001);
    expect(again.lookup(99_999, 99_999, always)).toBe(42);
    expect(again.lookup(5, 5, always)).toBe(77);
    expect(again.lookup(2999, 2999, always)).toBe(2999);
  });

  it('refuses a file that is not a table', () => {
    expect(SlotTable.load(join(tmpdir(), 'no-such-table.tbl'))).toBeUndefined();
  });
});
