import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A service handler. `req.url` is relative to the service's base URL: a host that mounts the
 * service under a path prefix strips the prefix before calling it.
 */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse) => void;
