/** Raised by {@link readBodyLimited}; the client turns it into `ERR_INPUT_TOO_LARGE`. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
  }
}

/**
 * Tells the sender to stop without waiting for it to acknowledge: cancelling is advisory, and
 * some streams (interceptors' wrappers among them) never settle the promise.
 */
export function discard(stream: ReadableStream<Uint8Array> | null): void {
  stream?.cancel().catch(() => {});
}

/**
 * Reads a response body into one buffer, stopping (and cancelling the stream, which frees the
 * connection) as soon as it passes `limit` bytes, so a hostile or broken server cannot make the
 * process buffer without bound. A `Content-Length` above the limit is refused before reading.
 * The limit applies to the decoded bytes, which also defuses compression bombs.
 */
export async function readBodyLimited(response: Response, limit: number): Promise<Uint8Array> {
  const stream = response.body;
  if (stream === null) return new Uint8Array(0);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    discard(stream);
    throw new BodyTooLargeError(limit);
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new BodyTooLargeError(limit);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
