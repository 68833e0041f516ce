import type { IncomingMessage, ServerResponse } from 'node:http';

/** A service handler: `req.url` is relative to the service's base URL (the stack strips the mount prefix). */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse) => void;
