const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether `uri` is a loopback redirect a native app may use (RFC 8252 §7.3): plain `http` to
 * `127.0.0.1`, `[::1]` or `localhost`, on any port and any path, with no credentials and no
 * fragment (RFC 6749 §3.1.2). The port is free because a CLI listens on whatever port it gets.
 *
 * @example
 * ```ts
 * isLoopbackRedirectUri('http://127.0.0.1:53121/auth/callback'); // true
 * isLoopbackRedirectUri('http://127.0.0.1.example.com/callback'); // false
 * ```
 */
export function isLoopbackRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.username === '' &&
    url.password === '' &&
    !uri.includes('#')
  );
}
