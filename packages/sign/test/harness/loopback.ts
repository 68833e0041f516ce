import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves `handler` on 127.0.0.1, on a free port. */
export async function listen(handler: Handler): Promise<Loopback> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves each handler under its path prefix (stripped before the handler sees the request). */
export function mount(handlers: Record<string, Handler>): Handler {
  return (req, res) => {
    for (const [prefix, handler] of Object.entries(handlers)) {
      if (req.url === prefix || req.url?.startsWith(`${prefix}/`)) {
        req.url = req.url.slice(prefix.length) || '/';
        return handler(req, res);
      }
    }
    res.writeHead(404).end();
  };
}
