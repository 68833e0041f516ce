import type { RecordedBody, RecordedExchange } from '@keyless/testkit';

const JWT = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/** The token with its signature replaced: the claims stay readable, the token verifies nowhere. */
export function unusableToken(token: string): string {
  return `${token.slice(0, token.lastIndexOf('.'))}.signature-removed`;
}

function redactBody(body: RecordedBody | undefined): RecordedBody | undefined {
  if (body?.encoding !== 'utf8') return body;
  return { ...body, data: body.data.replace(JWT, unusableToken) };
}

/**
 * Makes every JWT in the recorded bodies unusable, the same way everywhere it appears, so that a
 * replay stays consistent (the token a client received is the one it sent on).
 */
export function redactTokens(exchanges: readonly RecordedExchange[]): RecordedExchange[] {
  return exchanges.map(({ request, response }) => ({
    request: { ...request, ...(request.body ? { body: redactBody(request.body)! } : {}) },
    response: { ...response, ...(response.body ? { body: redactBody(response.body)! } : {}) },
  }));
}

/** Throws if `text` holds private key material or `secret`. */
export function assertNothingSecret(text: string, secret: string): void {
  if (text.includes('PRIVATE KEY')) throw new Error('a recording holds a PEM private key');
  if (/"d"\s*:/.test(text)) throw new Error('a recording holds a private JWK');
  if (text.includes(secret)) throw new Error('a recording holds the dev token secret');
  for (const token of text.match(JWT) ?? []) {
    if (!token.endsWith('.signature-removed')) throw new Error('a recording holds a usable token');
  }
}
