/**
 * Wraps an expensive async call so that its first successful result is reused; a failure is not
 * kept, so the next call tries again. Concurrent callers share one attempt.
 */
export function keepFirstSuccess<A extends unknown[], T>(
  call: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (...args: A) => {
    if (!pending) {
      const attempt = call(...args);
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}
