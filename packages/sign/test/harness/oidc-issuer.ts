import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A minimal OIDC issuer for tests: discovery, JWKS, and ES256 tokens signed on demand. */
export interface TestIssuer {
  handler(req: IncomingMessage, res: ServerResponse): void;
  /** Signs a token with the issuer's key; `iss`, `aud`, `iat` and `exp` are filled in unless given. */
  mint(claims: Record<string, unknown>): string;
  /** Signs a token with a key the issuer does not publish (a forgery). */
  forge(claims: Record<string, unknown>): string;
}

function jwt(
  claims: Record<string, unknown>,
  key: ReturnType<typeof generateKeyPairSync>['privateKey'],
  kid: string,
) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'ES256', typ: 'JWT', kid })}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** An issuer whose URL is `url` once mounted (the handler sees paths relative to it). */
export function createTestIssuer(url: () => string): TestIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
  const complete = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: url(), aud: 'sigstore', iat: now, exp: now + 300, ...claims };
  };
  return {
    handler(req, res) {
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/.well-known/openid-configuration') {
        return send({
          issuer: url(),
          jwks_uri: `${url()}/jwks`,
          id_token_signing_alg_values_supported: ['ES256'],
        });
      }
      if (req.url === '/jwks') return send({ keys: [jwk] });
      res.writeHead(404).end();
    },
    mint: (claims) => jwt(complete(claims), privateKey, kid),
    forge: (claims) => jwt(complete(claims), forger, kid),
  };
}
