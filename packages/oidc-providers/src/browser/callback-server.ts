import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OidcError } from '../errors.js';
import { safeLine } from '../token/redact.js';
import { callbackPage } from './pages.js';

/** The path of the loopback redirect URI. */
export const CALLBACK_PATH = '/auth/callback';

/** What a successful redirect carried. */
export interface CallbackResult {
  code: string;
  /** The `iss` parameter of RFC 9207, when the issuer sends one. */
  iss?: string;
}

/** A listener on 127.0.0.1 waiting for the authorization server's redirect. */
export interface CallbackServer {
  /** `http://127.0.0.1:<port>/auth/callback`. */
  redirectUri: string;
  /**
   * Settles with the first redirect that carries a `code` or an `error`: the code (and the `iss`
   * the issuer added, RFC 9207) when `state` matches, else `ERR_STATE_MISMATCH`,
   * `ERR_AUTHORIZATION_DENIED` or `ERR_AUTHORIZATION_FAILED`.
   */
  code: Promise<CallbackResult>;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page needs nothing from anywhere; keep the code in the URL from leaking onwards.
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(callbackPage(title, message));
}

/**
 * Starts the loopback redirect listener of a native app (RFC 8252 §7.3) on 127.0.0.1 and a port
 * the system picks. The first request to {@link CALLBACK_PATH} with a `code` or `error` decides
 * the outcome; its `state` must equal `expectedState`, otherwise the flow fails with
 * `ERR_STATE_MISMATCH` (a redirect this sign-in did not start). Other paths get a 404.
 */
export async function startCallbackServer(expectedState: string): Promise<CallbackServer> {
  let settle!: { resolve: (result: CallbackResult) => void; reject: (err: unknown) => void };
  const code = new Promise<CallbackResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejection nobody awaits yet (the caller may be waiting on something else) must not crash.
  code.catch(() => {});
  let done = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      return answer(res, 404, 'Not found', 'This address only receives the sign-in redirect.');
    }
    const params = url.searchParams;
    const returnedCode = params.get('code');
    const error = params.get('error');
    if (done)
      return answer(res, 409, 'Already done', 'This sign-in is already finished; return to the terminal.');
    if (returnedCode === null && error === null) {
      return answer(res, 400, 'Sign-in incomplete', 'The redirect carries neither a code nor an error.');
    }
    done = true;
    if (params.get('state') !== expectedState) {
      answer(res, 400, 'Sign-in refused', 'The redirect does not belong to this sign-in (state mismatch).');
      return settle.reject(
        new OidcError(
          'ERR_STATE_MISMATCH',
          'the sign-in redirect carries another state than the one sent (a forged or stale redirect); sign in again',
        ),
      );
    }
    if (error !== null) {
      const description = params.get('error_description');
      const said = safeLine(description ? `${error}: ${description}` : error);
      answer(res, 400, 'Sign-in failed', said);
      return settle.reject(
        new OidcError(
          error === 'access_denied' ? 'ERR_AUTHORIZATION_DENIED' : 'ERR_AUTHORIZATION_FAILED',
          `the issuer refused the sign-in: ${said}`,
        ),
      );
    }
    answer(res, 200, 'Signed in', 'You can close this window and return to the terminal.');
    const iss = params.get('iss');
    settle.resolve({ code: returnedCode!, ...(iss !== null && { iss }) });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    close: () =>
      new Promise<void>((resolve) => {
        // Let the page just written reach the browser; then drop whatever is still open.
        const force = setTimeout(() => server.closeAllConnections(), 1000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
