import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestPath, type ServiceHandler } from '@keyless/core/server';
import { sendJsonError } from '../http/respond.js';

/** A service mounted under a path prefix. */
export interface Mount {
  /** `/fulcio`: no trailing slash. */
  prefix: string;
  handler: ServiceHandler;
}

/**
 * One handler for many services on one port: a request under `prefix` goes to that service with
 * the prefix cut from `req.url` (query kept), so each service sees paths relative to its own base
 * URL. Anything else goes to `fallback`, or gets a 404 JSON body naming the mounted prefixes.
 *
 * @example
 * ```ts
 * http.createServer(routeByPrefix([{ prefix: '/fulcio', handler: fulcio.handler }]));
 * // GET /fulcio/api/v2/configuration reaches fulcio.handler as GET /api/v2/configuration
 * ```
 */
export function routeByPrefix(mounts: readonly Mount[], fallback?: ServiceHandler): ServiceHandler {
  // Longest first, so that a prefix never shadows a longer one that starts with it.
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const path = requestPath(url);
    for (const mount of ordered) {
      if (path === mount.prefix || path.startsWith(`${mount.prefix}/`)) {
        const rest = url.slice(mount.prefix.length);
        req.url = rest.startsWith('/') ? rest : `/${rest}`;
        mount.handler(req, res);
        return;
      }
    }
    if (fallback) return fallback(req, res);
    sendJsonError(res, 404, `no service at ${path}; services: ${ordered.map((m) => m.prefix).join(', ')}`);
  };
}
