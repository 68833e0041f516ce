import { parseTrustedRoot, prepareTrustedRoot, TRUSTED_ROOT_MEDIA_TYPES } from '@keyless/core';
import { createRekorV1Client, createRekorV2Client } from '@keyless/rekor';
import { type DrivePlan, type DriveResult, drive } from '../../load/drive.js';
import { median } from '../../measure.js';
import { startHostedServer } from '../../servers/spawn-host.js';
import type { EntryFactory } from './entries.js';

/** What one append run over HTTP measured. */
export interface AppendFigures {
  api: 'v1' | 'v2';
  /** Entries the log held before the run. */
  treeSizeBefore: number;
  treeSizeAfter: number;
  appends: DriveResult;
  /** CPU the server process spent per append (user + system), in microseconds. */
  serverCpuMicros: number;
  /** CPU this process (the client) spent per append, in microseconds. */
  clientCpuMicros: number;
  /** Median wall time of fetching one new entry by index with its inclusion proof (Rekor v1). */
  entryFetchMs?: number;
}

/** Sequential by-index fetches of entries appended in the run. */
const FETCHES = 200;

/**
 * Starts a Rekor v1 or v2 server (its own process) on the log in `dir`, and appends hashed-rekord
 * entries to it over loopback HTTP with the Keyless client for a fixed time, `plan.concurrency`
 * requests in flight. The client checks every answer as a signer does: the entry's body, its
 * inclusion proof and the signed checkpoint (and the SET on v1), against the log's key.
 */
export async function measureHttpAppends(
  api: 'v1' | 'v2',
  dir: string,
  plan: DrivePlan,
  entries: EntryFactory,
): Promise<AppendFigures> {
  const server = await startHostedServer({ service: api === 'v1' ? 'rekor-v1' : 'rekor-v2', dir });
  try {
    const trusted = prepareTrustedRoot(
      parseTrustedRoot({ mediaType: TRUSTED_ROOT_MEDIA_TYPES[1], tlogs: [server.tlog!] }),
    );
    const options = { baseUrl: server.url, trust: trusted.tlogs };
    const v1 = api === 'v1' ? createRekorV1Client(options) : undefined;
    const v2 = api === 'v2' ? createRekorV2Client(options) : undefined;
    const treeSize = async () =>
      v1 ? (await v1.getLogInfo()).treeSize : (await v2!.getCheckpoint()).treeSize;
    const client = v1 ?? v2!;
    try {
      const treeSizeBefore = await treeSize();
      // Enough for the whole run at a few thousand appends per second; more are made on demand.
      entries.prepare(Math.ceil(((plan.ms + plan.warmupMs) / 1000) * 2500));
      const append = () => client.createEntry(entries.take());
      const firstIndex = treeSizeBefore;
      if (plan.warmupMs > 0) await drive({ ...plan, ms: plan.warmupMs, warmupMs: 0 }, append);
      const cpuBefore = await server.cpuMicros();
      const clientBefore = process.cpuUsage();
      const appends = await drive({ ...plan, warmupMs: 0 }, append);
      const used = process.cpuUsage(clientBefore);
      const clientCpuMicros = (used.user + used.system) / appends.completed;
      const serverCpuMicros = ((await server.cpuMicros()) - cpuBefore) / appends.completed;
      const treeSizeAfter = await treeSize();
      let entryFetchMs: number | undefined;
      if (v1) {
        const times: number[] = [];
        for (let k = 0; k < FETCHES; k++) {
          const index = firstIndex + Math.floor(Math.random() * (treeSizeAfter - firstIndex));
          const start = performance.now();
          await v1.getEntryByIndex(index);
          times.push(performance.now() - start);
        }
        entryFetchMs = median(times);
      }
      return {
        api,
        treeSizeBefore,
        treeSizeAfter,
        appends,
        serverCpuMicros,
        clientCpuMicros,
        ...(entryFetchMs === undefined ? {} : { entryFetchMs }),
      };
    } finally {
      await client.close();
    }
  } finally {
    await server.close();
  }
}
