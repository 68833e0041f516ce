import { describe, expect, it } from 'vitest';
import { isOfflineFromEnv } from './offline.js';

describe('isOfflineFromEnv', () => {
  it.each(['1', 'true', 'TRUE', 'yes', 'on', ' 1 '])('treats KEYLESS_OFFLINE=%j as offline', (value) => {
    expect(isOfflineFromEnv({ KEYLESS_OFFLINE: value })).toBe(true);
  });

  it.each(['0', 'false', 'no', ''])('treats KEYLESS_OFFLINE=%j as online', (value) => {
    expect(isOfflineFromEnv({ KEYLESS_OFFLINE: value })).toBe(false);
  });

  it('is online when KEYLESS_OFFLINE is unset', () => {
    expect(isOfflineFromEnv({})).toBe(false);
  });
});
