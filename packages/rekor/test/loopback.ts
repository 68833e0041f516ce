import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceBase } from '../src/server/http/types.js';

export interface Mounted<S extends ServiceBase> {
  /** The service's base URL, under its path prefix. */
  url: string;
  service: S;
  close(): Promise<void>;
}

/**
 * Serves one service on 127.0.0.1 (port 0) under `prefix`, stripping the prefix before the
 * handler sees the request, as a host that mounts several services on one port does.
 */
export async function mount<S extends ServiceBase>(
  prefix: string,
  make: (url: string) => Promise<S>,
): Promise<Mounted<S>> {
  let handler: ServiceBase['handler'] | undefined;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!handler || !path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    req.url = path.slice(prefix.length) || '/';
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${prefix}`;
  const service = await make(url);
  handler = service.handler;
  return {
    url,
    service,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.close();
    },
  };
}
