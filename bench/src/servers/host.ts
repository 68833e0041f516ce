import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFulcioServer } from '@keyless/fulcio/server';
import { createRekorServer, createRekorV2Server } from '@keyless/rekor/server';
import type { HostCommand, HostedReady, HostedService, HostMessage } from './protocol.js';

// A server of the local stack in a process of its own, as it runs when deployed: the load
// generator in the benchmark process then competes with it for the machine, not for one event loop.

const send = (message: HostMessage) => process.send!(message);
const spec = JSON.parse(process.argv[2] ?? '{}') as HostedService;

let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
  res.writeHead(503).end();
};
const http = createServer((req, res) => handler(req, res));
http.keepAliveTimeout = 30_000;

async function start(): Promise<{ ready: HostedReady; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  if (spec.service === 'rekor-v1') {
    const rekor = await createRekorServer({ dir: spec.dir, url });
    handler = rekor.handler;
    return { ready: { type: 'ready', url, tlog: rekor.tlog }, close: () => rekor.close() };
  }
  if (spec.service === 'rekor-v2') {
    const rekor = await createRekorV2Server({ dir: spec.dir, url });
    handler = rekor.handler;
    return { ready: { type: 'ready', url, tlog: rekor.tlog }, close: () => rekor.close() };
  }
  if (spec.service !== 'fulcio') throw new Error(`unknown service ${JSON.stringify(spec)}`);
  const fulcio = await createFulcioServer({
    dir: spec.dir,
    url,
    oidcIssuers: [{ issuerUrl: spec.issuerUrl, type: 'email' }],
  });
  handler = fulcio.handler;
  return {
    ready: {
      type: 'ready',
      url,
      certificateAuthority: fulcio.certificateAuthority,
      ctlog: fulcio.ctlog,
    },
    close: () => fulcio.close(),
  };
}

try {
  const { ready, close } = await start();
  process.on('message', async (command: HostCommand) => {
    if (command.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
      return;
    }
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await close();
    process.disconnect();
  });
  // The benchmark went away without closing: stop rather than linger.
  process.on('disconnect', () => process.exit(0));
  send(ready);
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
