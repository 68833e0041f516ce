import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import type { SetupServerApi } from 'msw/node';
import { mswServer } from '../msw-server.js';
import { repoRoot } from '../realdata.js';
import { decodeBody, type RecordedExchange, type Recording } from './format.js';

/** The folder of recorded exchanges. */
export const fixturesDir = join(repoRoot, 'fixtures');

/** Reads `fixtures/<name>.json` (e.g. `dev-stack/email-signing`). */
export function loadRecording(name: string): Recording {
  return JSON.parse(readFileSync(join(fixturesDir, `${name}.json`), 'utf8')) as Recording;
}

export interface ReplayOptions {
  /** The msw server to install the handler on; default the shared `mswServer`. */
  server?: SetupServerApi;
}

/** What a replay answered, for assertions. */
export interface Replay {
  /** The recordings replayed, in the order named. */
  recordings: Recording[];
  /** Recorded exchanges not yet answered. */
  pending(): RecordedExchange[];
  /** Requests to a recorded origin that no recorded exchange matched (`METHOD url`); they got a 501. */
  unmatched: string[];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

function pathAndQuery(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * Answers requests from one or more recordings (`fixtures/<name>.json`, or `Recording` objects)
 * with msw. Requests to an origin the recordings talked to are answered from them: a request
 * matches a recorded exchange with the same method, origin, path and query that was not answered
 * yet; among several, the first whose recorded body equals the request's wins, else the first in
 * recorded order (so a repeated request, such as a second upload answered 409, gets the answers
 * in recorded order). A request nothing matches gets a 501, which HTTP clients do not retry, and
 * is listed in `unmatched`. Requests to other origins are left to other handlers. Handlers are
 * removed by the shared `resetHandlers()` after each test.
 *
 * @example
 * ```ts
 * const replay = replayFixtures(['dev-stack/oidc', 'dev-stack/fulcio']);
 * await runFlow(replay.recordings[0].meta);
 * expect([replay.unmatched, replay.pending()]).toEqual([[], []]);
 * ```
 */
export function replayFixtures(
  names: string | Recording | readonly (string | Recording)[],
  options: ReplayOptions = {},
): Replay {
  const list = typeof names === 'string' || !Array.isArray(names) ? [names as string | Recording] : names;
  const recordings = list.map((name) => (typeof name === 'string' ? loadRecording(name) : name));
  const exchanges = recordings.flatMap((recording) => recording.exchanges);
  const origins = new Set(exchanges.map((exchange) => new URL(exchange.request.url).origin));
  const used = new Set<number>();
  const unmatched: string[] = [];
  const handler = http.all('*', async ({ request }) => {
    const url = new URL(request.url);
    if (!origins.has(url.origin)) return undefined;
    const key = pathAndQuery(request.url);
    const candidates = exchanges
      .map((exchange, index) => ({ exchange, index }))
      .filter(
        ({ exchange, index }) =>
          !used.has(index) &&
          exchange.request.method === request.method &&
          new URL(exchange.request.url).origin === url.origin &&
          pathAndQuery(exchange.request.url) === key,
      );
    if (candidates.length === 0) {
      unmatched.push(`${request.method} ${request.url}`);
      return HttpResponse.json(
        { message: `no recorded exchange for ${request.method} ${url.origin}${key}` },
        { status: 501 },
      );
    }
    const body = new Uint8Array(await request.arrayBuffer());
    const chosen =
      candidates.find(({ exchange }) => sameBytes(decodeBody(exchange.request.body), body)) ?? candidates[0]!;
    used.add(chosen.index);
    const { response } = chosen.exchange;
    const bytes = response.body ? decodeBody(response.body) : null;
    return new HttpResponse(bytes, { status: response.status, headers: response.headers });
  });
  (options.server ?? mswServer).use(handler);
  return {
    recordings,
    pending: () => exchanges.filter((_, index) => !used.has(index)),
    unmatched,
  };
}
