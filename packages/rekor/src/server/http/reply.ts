import type { ServerResponse } from 'node:http';
import { errorBody, send } from '@keyless/core/server';

/** An HTTP answer, built by a route and sent by {@link sendReply}. */
export interface Reply {
  status: number;
  body: string | Uint8Array;
  contentType: string;
  headers?: Record<string, string>;
}

/** A JSON answer. */
export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), contentType: 'application/json', headers };
}

/** An error in Rekor's shape, `{"code": <status>, "message": "..."}`. */
export function errorReply(status: number, message: string, headers?: Record<string, string>): Reply {
  return jsonReply(status, errorBody(status, message), headers);
}

/** Writes `reply` with its content type and length. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  send(res, reply.status, reply.contentType, reply.body, reply.headers);
}
