/**
 * The path of a request URL, without the query string; `/` when there is none.
 *
 * @example
 * ```ts
 * requestPath('/api/v1/log/entries?logIndex=3'); // '/api/v1/log/entries'
 * ```
 */
export function requestPath(url: string | undefined): string {
  return (url ?? '/').split('?', 1)[0] || '/';
}
