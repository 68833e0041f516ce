import type { ServerResponse } from 'node:http';

/** Sends a JSON body with the given status; `Cache-Control: no-store` since bodies may hold tokens. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Sends `{ "code": status, "message": ... }`, the error shape every service of the stack uses. */
export function sendJsonError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: status, message });
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    // No form-action: browsers apply it to the redirects after the sign-in form is posted, and
    // those go on to the client's loopback listener on another port.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}
