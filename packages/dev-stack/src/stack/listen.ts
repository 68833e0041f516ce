import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DevStackError } from '../errors.js';

/** Listens on `host:port` and resolves to the port actually bound (the chosen one for port 0). */
export function listen(server: Server, host: string, port: number, portSource: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${port}${portSource} is in use: is the stack already running? Choose another port`
          : error.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine`
            : error.message;
      reject(
        new DevStackError('ERR_DEV_STACK_LISTEN', `cannot listen on ${host}:${port}: ${hint}`, {
          cause: error,
        }),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Stops the server: no new connections, idle keep-alive connections closed at once, and requests
 * in flight given `graceMs` to finish before their connections are cut.
 */
export async function stopServer(server: Server, graceMs = 2000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
