import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOidcIssuer, type OidcIssuer } from '../src/oidc/issuer.js';
import { routeByPrefix } from '../src/stack/router.js';

export interface ServedIssuer {
  base: string;
  issuer: OidcIssuer;
  dir: string;
  close(): Promise<void>;
}

/** The issuer alone, mounted at /oidc on a loopback port, as the stack mounts it. */
export async function serveIssuer(
  dir = join(mkdtempSync(join(tmpdir(), 'keyless-oidc-')), 'oidc'),
): Promise<ServedIssuer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = await createOidcIssuer({ dir, url: `${base}/oidc` });
  server.on('request', routeByPrefix([{ prefix: '/oidc', handler: issuer.handler }]));
  return {
    base,
    issuer,
    dir,
    async close() {
      await issuer.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Removes a temporary folder made by a test. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
