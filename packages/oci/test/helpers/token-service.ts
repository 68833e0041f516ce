import { randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SelfSigned } from './self-signed.js';

/** What the token service saw of one token request. */
export interface TokenRequestRecord {
  method: string;
  service: string | null;
  scopes: string[];
  /** The `Authorization` header it was sent, if any. */
  authorization: string | undefined;
}

/** A Docker token service for a registry configured with `auth: token`. */
export interface TokenService {
  realm: string;
  issuer: string;
  service: string;
  requests: TokenRequestRecord[];
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function basicUser(header: string | undefined, users: Record<string, string>): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && users[user] === decoded.slice(colon + 1) ? user : undefined;
}

/**
 * Starts a token service on loopback: Basic credentials of `users` get every action they ask
 * for; bad credentials get 401; no credentials get a token that grants nothing. Tokens are ES256
 * JWTs with the certificate in `x5c`, as the registry's `rootcertbundle` expects.
 */
export async function startTokenService(
  key: SelfSigned,
  users: Record<string, string>,
  service: string,
): Promise<TokenService> {
  const issuer = 'keyless-test-token-issuer';
  const requests: TokenRequestRecord[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .filter(Boolean);
    requests.push({
      method: req.method ?? 'GET',
      service: url.searchParams.get('service'),
      scopes,
      authorization: req.headers.authorization,
    });
    const user = basicUser(req.headers.authorization, users);
    if (req.headers.authorization && !user) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"details":"invalid credentials"}');
      return;
    }
    const access = user
      ? scopes.map((scope) => {
          const [type, ...rest] = scope.split(':');
          const actions = rest.pop() ?? '';
          return { type, name: rest.join(':'), actions: actions.split(',') };
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [key.certificate.toString('base64')] };
    const claims = {
      iss: issuer,
      sub: user ?? '',
      aud: service,
      exp: now + 300,
      nbf: now - 60,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${input}.${b64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    issuer,
    service,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
