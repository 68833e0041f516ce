import type { IncomingMessage } from 'node:http';
import { RekorError } from '../../errors.js';
import { errorReply, type Reply, sendReply } from './reply.js';
import type { ServiceHandler } from './types.js';

/** Largest request body a log accepts (1 MiB); a larger one is answered 413. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** A route: the request, its URL parsed relative to the service, and the answer to send. */
export type Route = (req: IncomingMessage, url: URL) => Promise<Reply>;

/**
 * Turns a route into a {@link ServiceHandler}: a rejected entry answers 400, an unknown one 404,
 * any other failure 500 without details (they may name files or keys).
 */
export function serviceHandler(route: Route): ServiceHandler {
  return (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://service.invalid');
    } catch {
      sendReply(res, errorReply(400, 'malformed request URL'));
      return;
    }
    route(req, url)
      .then(
        (reply) => sendReply(res, reply),
        (error: unknown) => sendReply(res, replyForError(error)),
      )
      // The client went away mid-answer: nothing is left to tell it.
      .catch(() => res.destroy());
  };
}

function replyForError(error: unknown): Reply {
  if (error instanceof RekorError) {
    if (error.code === 'ERR_TLOG_ENTRY_REJECTED') return errorReply(400, error.message);
    if (error.code === 'ERR_TLOG_NOT_FOUND') return errorReply(404, error.message);
  }
  return errorReply(500, 'internal error while serving the log');
}
