import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { createTestSigner, epoch, type TestSigner } from './tokens.js';

/** A made-up OpenID issuer served by msw. */
export interface FakeIssuer {
  url: string;
  signer: TestSigner;
  /** A valid ID token for the `sigstore` client, with `claims` overriding the defaults. */
  idToken(claims?: Record<string, unknown>): Promise<string>;
  /** The form bodies POSTed to the token endpoint, in order. */
  tokenRequests: URLSearchParams[];
  /** The form bodies POSTed to the device authorization endpoint. */
  deviceRequests: URLSearchParams[];
}

export interface FakeIssuerOptions {
  url?: string;
  /** Answers a token request: a JSON body and status. */
  token: (form: URLSearchParams, issuer: FakeIssuer) => Promise<{ status: number; body: unknown }>;
  /** Answers a device authorization request. */
  device?: (form: URLSearchParams) => { status: number; body: unknown };
  /** Extra or replaced discovery fields. */
  discovery?: Record<string, unknown>;
}

/** Installs msw handlers for discovery, JWKS, token and device endpoints of a fake issuer. */
export async function installFakeIssuer(options: FakeIssuerOptions): Promise<FakeIssuer> {
  const url = options.url ?? 'https://issuer.test';
  const signer = await createTestSigner();
  const issuer: FakeIssuer = {
    url,
    signer,
    idToken: (claims = {}) =>
      signer.sign({
        iss: url,
        sub: 'alice@example.com',
        aud: 'sigstore',
        email: 'alice@example.com',
        email_verified: true,
        iat: epoch(),
        exp: epoch(300),
        ...claims,
      }),
    tokenRequests: [],
    deviceRequests: [],
  };
  mswServer.use(
    http.get(`${url}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer: url,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        device_authorization_endpoint: `${url}/device`,
        code_challenge_methods_supported: ['S256'],
        ...options.discovery,
      }),
    ),
    http.get(`${url}/jwks`, () => HttpResponse.json(signer.jwks)),
    http.post(`${url}/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      issuer.tokenRequests.push(form);
      const { status, body } = await options.token(form, issuer);
      return HttpResponse.json(body as Record<string, unknown>, { status });
    }),
    http.post(`${url}/device`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      issuer.deviceRequests.push(form);
      const { status, body } = options.device?.(form) ?? { status: 404, body: { error: 'not_found' } };
      return HttpResponse.json(body as Record<string, unknown>, { status });
    }),
  );
  return issuer;
}

/** Collects what a flow prints. */
export function captureOutput(): { write(text: string): void; text(): string } {
  let all = '';
  return {
    write(text: string) {
      all += text;
    },
    text: () => all,
  };
}
