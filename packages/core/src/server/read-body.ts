import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body of at most `limit` bytes; `undefined` when it is larger, for the caller to
 * answer 413. A body announced as too large is refused before any of it is read. The rest of a
 * refused body is drained unread, so that the answer still reaches the client on a usable
 * connection.
 *
 * @example
 * ```ts
 * const body = await readBody(req, 64 * 1024);
 * if (body === undefined) return sendError(res, 413, 'the request body exceeds 64 KiB');
 * ```
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}
