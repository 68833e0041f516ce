import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { parseTrustedRoot, prepareTrustedRoot, TRUSTED_ROOT_MEDIA_TYPES } from '@keyless/core';
import { requestDevToken, startDevStack } from '@keyless/dev-stack';
import { createFulcioClient } from '@keyless/fulcio';
import type { BenchConfig } from '../../config.js';
import { type DrivePlan, type DriveResult, drive } from '../../load/drive.js';
import { fmt, table } from '../../report/table.js';
import { reportOnly, type Verdict } from '../../report/verdict.js';
import { startHostedServer } from '../../servers/spawn-host.js';
import { withTempDir } from '../../temp-dir.js';

const EMAIL = 'bench@example.com';
/** Key pairs the requests take turns with. */
const KEYS = 256;

interface IssuanceRun {
  concurrency: number;
  result: DriveResult;
  serverCpuMicros: number;
  clientCpuMicros: number;
}

/**
 * Certificate issuance: a Fulcio-compatible CA (`createFulcioServer`) in its own process, trusting
 * the dev stack's OIDC issuer (running in this process, asked only for its keys), driven over
 * loopback HTTP by the Keyless Fulcio client with one request in flight, then many.
 */
export async function runIssueSection(config: BenchConfig): Promise<Verdict[]> {
  console.log('Certificate issuance');
  return withTempDir('issue', async (dir) => {
    const stack = await startDevStack({ dir: join(dir, 'stack'), port: 0 });
    try {
      const token = (await requestDevToken({ dir: stack.dir, email: EMAIL })).id_token;
      const server = await startHostedServer({
        service: 'fulcio',
        dir: join(dir, 'fulcio'),
        issuerUrl: stack.issuers.email,
      });
      try {
        const trust = prepareTrustedRoot(
          parseTrustedRoot({
            mediaType: TRUSTED_ROOT_MEDIA_TYPES[1],
            certificateAuthorities: [server.certificateAuthority!],
            ctlogs: [server.ctlog!],
          }),
        );
        const client = createFulcioClient({ baseUrl: server.url, trust });
        const keys = Array.from({ length: KEYS }, () => {
          const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
          return {
            publicKey: new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' })),
            proofOfPossession: sign('sha256', Buffer.from(EMAIL), pair.privateKey),
          };
        });
        const issue = (i: number) => client.requestCertificate({ identityToken: token, ...keys[i % KEYS]! });
        const measure = async (concurrency: number, seconds: number): Promise<IssuanceRun> => {
          const plan: DrivePlan = { ms: seconds * 1000, warmupMs: 0, concurrency };
          await drive({ ...plan, ms: Math.min(1000, seconds * 200) }, issue);
          const serverBefore = await server.cpuMicros();
          const clientBefore = process.cpuUsage();
          const result = await drive(plan, issue);
          const used = process.cpuUsage(clientBefore);
          return {
            concurrency,
            result,
            serverCpuMicros: ((await server.cpuMicros()) - serverBefore) / result.completed,
            clientCpuMicros: (used.user + used.system) / result.completed,
          };
        };
        console.log(
          `CA in its own process on 127.0.0.1 (ECDSA P-384 CA, embedded SCT from its CT log); email token from the dev ` +
            `stack's issuer; ${KEYS} P-256 keys with their proofs of possession made before the runs; every chain ` +
            `and SCT checked by the client`,
        );
        const runs = [
          await measure(1, Math.min(2, config.httpSeconds)),
          await measure(config.httpConcurrency, config.httpSeconds),
        ];
        await client.close();
        console.log(
          table([
            [
              'requests in flight',
              'certificates/s',
              'p50 ms',
              'p99 ms',
              'server CPU µs/cert',
              'client CPU µs/cert',
            ],
            ...runs.map((r) => [
              String(r.concurrency),
              fmt(r.result.perSecond),
              fmt(r.result.p50Ms, 2),
              fmt(r.result.p99Ms, 2),
              fmt(r.serverCpuMicros),
              fmt(r.clientCpuMicros),
            ]),
          ]),
        );
        const best = runs[runs.length - 1]!;
        return [
          reportOnly(
            `${fmt(best.result.perSecond)} certificates/s with ${best.concurrency} in flight ` +
              `(${fmt(runs[0]!.result.p50Ms, 1)} ms each one at a time)`,
          ),
        ];
      } finally {
        await server.close();
      }
    } finally {
      await stack.close();
    }
  });
}
