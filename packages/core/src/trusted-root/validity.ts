import type { ValidityWindow } from './types.js';

/**
 * Whether `time` falls inside `window`. The start is required (a window without one is never
 * valid) and both ends are inclusive, as the Sigstore client specification says.
 */
export function isWithinValidity(window: ValidityWindow, time: Date): boolean {
  if (!window.start) return false;
  const t = time.getTime();
  if (t < window.start.getTime()) return false;
  return !window.end || t <= window.end.getTime();
}
