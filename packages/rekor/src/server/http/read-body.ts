import type { IncomingMessage } from 'node:http';

/** Largest request body a log accepts (1 MiB). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes; `undefined` when it is larger (answer 413). A
 * body announced as too large is refused before any of it is read.
 */
export async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
