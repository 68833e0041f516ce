import type { ServerResponse } from 'node:http';
import { send, sendError, sendJson as sendJsonValue } from '@keyless/core/server';

/** Bodies may hold tokens, and pages belong to one sign-in: nothing the issuer sends is cached. */
const NO_STORE = { 'Cache-Control': 'no-store' };

/** Sends a JSON body with the given status and `Cache-Control: no-store`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonValue(res, status, body, NO_STORE);
}

/** Sends `{ "code": status, "message": ... }`, the error shape every service of the stack uses. */
export function sendJsonError(res: ServerResponse, status: number, message: string): void {
  sendError(res, status, message, NO_STORE);
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html, {
    ...NO_STORE,
    // No form-action: browsers apply it to the redirects after the sign-in form is posted, and
    // those go on to the client's loopback listener on another port.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
}
