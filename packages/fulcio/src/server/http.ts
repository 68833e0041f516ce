import type { IncomingMessage, ServerResponse } from 'node:http';

/** A service handler. `req.url` is relative to the service's base URL (any mount prefix stripped). */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Bodies past this are refused with 413: a signing request is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request body, or `undefined` when it exceeds `limit` (the rest is drained, unread). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}

/** Fulcio's HTTP error body: `{ code, message }`, `code` being the HTTP status. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { code: status, message });
}

/** The path of a request URL, without the query string. */
export function requestPath(url: string | undefined): string {
  return (url ?? '/').split('?', 1)[0] || '/';
}
