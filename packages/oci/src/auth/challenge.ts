/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  /** Lower case: `bearer`, `basic`, ... */
  scheme: string;
  /** Auth parameters with lower-case names (`realm`, `service`, `scope`, `error`). */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Parses a `WWW-Authenticate` header into its challenges. Quoted values may contain commas and
 * escaped quotes, so the header is scanned rather than split.
 *
 * @example
 * ```ts
 * parseChallenges('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull"');
 * // [{ scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:app:pull' } }]
 * ```
 */
export function parseChallenges(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && TOKEN_CHAR.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const readQuoted = () => {
    let value = '';
    i++; // opening quote
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++; // closing quote
    return value;
  };
  let current: AuthChallenge | undefined;
  while (i < n) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (token === '') {
      i++; // not a token character: skip it rather than loop forever
      continue;
    }
    skipSpace();
    if (header[i] === '=' && current) {
      i++;
      skipSpace();
      const value = header[i] === '"' ? readQuoted() : readToken();
      current.params[token.toLowerCase()] = value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
  }
  return challenges;
}
