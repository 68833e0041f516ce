import { join } from 'node:path';
import type { ServiceHandler } from '@keyless/core/server';
import { createFulcioServer } from '@keyless/fulcio/server';
import { createRekorServer, createRekorV2Server } from '@keyless/rekor/server';
import { createTimestampServer } from '@keyless/timestamp/server';
import { SIGSTORE_CLIENT_ID } from '../oidc/configuration.js';
import { createOidcIssuer } from '../oidc/issuer.js';
import type { Mount } from './router.js';
import type { TrustPieces } from './trusted-root.js';
import { type DevStackUrls, MOUNTS } from './urls.js';

/** The running services of a stack, ready to mount. */
export interface DevServices {
  mounts: Mount[];
  trust: TrustPieces;
  /** `iss` of email tokens and of CI tokens. */
  issuers: { email: string; ci: string };
  close(): Promise<void>;
}

interface Closeable {
  handler: ServiceHandler;
  close(): Promise<void>;
}

/**
 * Starts every service of the stack, each in its own folder under `dir`, at its URL. If one
 * fails to start, the ones already started are closed before the error is passed on.
 */
export async function startServices(dir: string, urls: DevStackUrls): Promise<DevServices> {
  const started: Closeable[] = [];
  const track = <T extends Closeable>(service: T): T => {
    started.push(service);
    return service;
  };
  const closeAll = async () => {
    await Promise.allSettled(started.map((s) => s.close()));
  };
  try {
    const issuer = track(await createOidcIssuer({ dir: join(dir, 'oidc'), url: urls.oidc }));
    const [fulcio, rekor, rekorV2, tsa] = await Promise.all([
      createFulcioServer({
        dir: join(dir, 'fulcio'),
        url: urls.fulcio,
        clientId: SIGSTORE_CLIENT_ID,
        oidcIssuers: [
          { issuerUrl: issuer.issuer, type: 'email', jwksUri: issuer.jwksUri },
          { issuerUrl: issuer.ciIssuer, type: 'ci', jwksUri: issuer.jwksUri },
        ],
      }).then(track),
      createRekorServer({ dir: join(dir, 'rekor'), url: urls.rekor }).then(track),
      createRekorV2Server({ dir: join(dir, 'rekor-v2'), url: urls.rekorV2 }).then(track),
      createTimestampServer({ dir: join(dir, 'tsa'), url: urls.tsa }).then(track),
    ]);
    return {
      mounts: [
        { prefix: MOUNTS.oidc, handler: issuer.handler },
        { prefix: MOUNTS.fulcio, handler: fulcio.handler },
        { prefix: MOUNTS.rekor, handler: rekor.handler },
        { prefix: MOUNTS.rekorV2, handler: rekorV2.handler },
        { prefix: MOUNTS.tsa, handler: tsa.handler },
      ],
      trust: {
        certificateAuthority: fulcio.certificateAuthority,
        ctlog: fulcio.ctlog,
        tlogs: [rekor.tlog, rekorV2.tlog],
        timestampAuthority: tsa.timestampAuthority,
      },
      issuers: { email: issuer.issuer, ci: issuer.ciIssuer },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
