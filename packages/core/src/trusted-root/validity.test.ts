import { describe, expect, it } from 'vitest';
import { isWithinValidity } from './validity.js';

const start = new Date('2025-01-01T00:00:00Z');
const end = new Date('2025-06-01T00:00:00Z');

describe('isWithinValidity', () => {
  it('includes both ends of the window', () => {
    expect(isWithinValidity({ start, end }, start)).toBe(true);
    expect(isWithinValidity({ start, end }, end)).toBe(true);
    expect(isWithinValidity({ start, end }, new Date(start.getTime() - 1))).toBe(false);
    expect(isWithinValidity({ start, end }, new Date(end.getTime() + 1))).toBe(false);
  });

  it('treats a missing end as open-ended', () => {
    expect(isWithinValidity({ start }, new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('never accepts a window without a start', () => {
    expect(isWithinValidity({}, start)).toBe(false);
    expect(isWithinValidity({ end }, start)).toBe(false);
  });
});
