import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { listen } from './loopback.js';

export interface MintOptions {
  /** Sign with this key instead of the issuer's (a forgery). */
  key?: CryptoKey;
  /** Seconds from now; default 300. Negative for an expired token. */
  expiresIn?: number;
  /** Seconds from now for `iat`; default 0. */
  issuedAt?: number;
  /** `aud`; default `sigstore`. */
  audience?: string;
  /** `iss`; default the issuer's URL. */
  issuer?: string;
}

export interface TestIssuer {
  /** The issuer URL (`iss`), served on loopback with discovery and JWKS. */
  url: string;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  mint(claims: JWTPayload, options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

/** A fresh RS256 key pair, e.g. to forge tokens with. */
export async function rsaKey(): Promise<CryptoKey> {
  return (await generateKeyPair('RS256')).privateKey;
}

/**
 * A minimal OIDC issuer on 127.0.0.1: an RSA signing key, `/.well-known/openid-configuration`
 * and `/jwks`, and a `mint` that signs tokens with that key.
 */
export async function startTestIssuer(path = '/oidc'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let jwksFetches = 0;
  let url = '';
  const server = await listen((req, res) => {
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === `${path}/.well-known/openid-configuration`) {
      return send({ issuer: url, jwks_uri: `${url}/jwks`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.url === `${path}/jwks`) {
      jwksFetches++;
      return send({ keys: [jwk] });
    }
    res.writeHead(404).end();
  });
  url = `${server.origin}${path}`;
  return {
    url,
    jwksFetches: () => jwksFetches,
    async mint(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(options.issuer ?? url)
        .setAudience(options.audience ?? 'sigstore')
        .setIssuedAt(now + (options.issuedAt ?? 0))
        .setExpirationTime(now + (options.expiresIn ?? 300))
        .sign(options.key ?? privateKey);
    },
    close: () => server.close(),
  };
}
