import type { Matcher } from '../types.js';

/** Exact string equality, or a RegExp test (the caller anchors it). */
export function matches(matcher: Matcher, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (typeof matcher === 'string') return matcher === value;
  matcher.lastIndex = 0;
  return matcher.test(value);
}

export function describeMatcher(matcher: Matcher): string {
  return typeof matcher === 'string' ? `"${matcher}"` : `/${matcher.source}/${matcher.flags}`;
}
