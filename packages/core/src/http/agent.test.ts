import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { mswServer } from '@keyless/testkit';
import { http, passthrough } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, type Transport } from './agent.js';

const servers: Server[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A CONNECT proxy that sends every tunnel to `targetPort` on loopback and records what it was asked. */
async function startProxy(targetPort: number, tunnels: string[]): Promise<number> {
  const proxy = createServer();
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  return listen(proxy);
}

function transport(env: Record<string, string>): Transport {
  const t = createTransport({ timeoutMs: 2000, connectTimeoutMs: 1000, env });
  transports.push(t);
  return t;
}

describe('createTransport', () => {
  it('sends remote hosts through HTTP_PROXY', async () => {
    const targetPort = await listen(createServer((req, res) => res.end(`target ${req.headers.host}`)));
    const tunnels: string[] = [];
    const proxyPort = await startProxy(targetPort, tunnels);
    mswServer.use(http.all(/^http:\/\/proxied\.test/, () => passthrough()));
    const t = transport({ HTTP_PROXY: `http://127.0.0.1:${proxyPort}` });
    const url = new URL('http://proxied.test:8080/v2/');
    const response = await fetch(url, { dispatcher: t.dispatcherFor(url, true) as never });
    expect(await response.text()).toBe('target proxied.test:8080');
    expect(tunnels).toEqual(['proxied.test:8080']);
  });

  it('reaches loopback directly even when a proxy is set', async () => {
    const targetPort = await listen(createServer((_req, res) => res.end('direct')));
    const tunnels: string[] = [];
    const proxyPort = await startProxy(targetPort, tunnels);
    const t = transport({
      HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
      HTTP_PROXY: `http://127.0.0.1:${proxyPort}`,
    });
    const url = new URL(`http://127.0.0.1:${targetPort}/`);
    const response = await fetch(url, { dispatcher: t.dispatcherFor(url, false) as never });
    expect(await response.text()).toBe('direct');
    expect(tunnels).toEqual([]);
  });
});
