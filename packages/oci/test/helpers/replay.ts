import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { type ExchangeFixture, type RecordedExchange, sha256 } from './exchanges.js';

/** What a replay saw. */
export interface Replay {
  /** Requests that matched no unused recorded exchange (method, URL, credentials scheme, body). */
  unmatched: string[];
  /** Recorded exchanges the client never asked for. */
  unused(): RecordedExchange[];
}

/**
 * Answers requests to the fixture hosts from recorded exchanges (msw). A request is answered by
 * the first unused exchange with the same method and URL, the same credentials scheme and the
 * same body hash, so a client that changed what it sends stops matching.
 */
export function replayFixture(fixture: ExchangeFixture, hosts: readonly string[]): Replay {
  const used = new Set<number>();
  const unmatched: string[] = [];
  for (const host of hosts) {
    mswServer.use(
      http.all(new RegExp(`^https://${host.replace(/\./g, '\\.')}/`), async ({ request }) => {
        const body = new Uint8Array(await request.arrayBuffer());
        const authScheme = request.headers.get('authorization')?.split(' ')[0];
        const bodySha256 = body.byteLength > 0 ? sha256(body) : undefined;
        const index = fixture.exchanges.findIndex(
          (e, i) =>
            !used.has(i) &&
            e.request.method === request.method &&
            e.request.url === request.url &&
            e.request.authScheme === authScheme &&
            e.request.bodySha256 === bodySha256,
        );
        if (index < 0) {
          unmatched.push(`${request.method} ${request.url}${authScheme ? ` (${authScheme})` : ''}`);
          return new HttpResponse('no recorded exchange matches', { status: 599 });
        }
        used.add(index);
        const { status, headers, bodyBase64 } = fixture.exchanges[index]!.response;
        const payload =
          request.method === 'HEAD' || status === 204 ? null : Buffer.from(bodyBase64, 'base64');
        return new HttpResponse(payload, { status, headers });
      }),
    );
  }
  return { unmatched, unused: () => fixture.exchanges.filter((_, i) => !used.has(i)) };
}
