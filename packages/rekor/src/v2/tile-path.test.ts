import { describe, expect, it } from 'vitest';
import { parseTileIndexPath, tileIndexPath } from './tile-path.js';

describe('C2SP tile paths', () => {
  it.each([
    [0, '000'],
    [5, '005'],
    [1000, 'x001/000'],
    [1234067, 'x001/x234/067'],
  ])('writes index %i as %s', (index, path) => {
    expect(tileIndexPath(index)).toBe(path);
    expect(parseTileIndexPath(path.split('/'))).toEqual({ index, width: 256 });
  });

  it('writes and reads a partial tile width', () => {
    expect(tileIndexPath(1, 44)).toBe('001.p/44');
    expect(parseTileIndexPath(['x002', '001.p', '44'])).toEqual({ index: 2001, width: 44 });
  });

  it.each([
    [['1']],
    [['0001']],
    [['001', '002']],
    [['x001']],
    [['000.p', '0']],
    [['000.p', '256']],
    [['000.p', '044']],
    [[]],
  ])('refuses %j', (elements) => {
    expect(parseTileIndexPath(elements)).toBeUndefined();
  });
});
