import { describe, expect, it } from 'vitest';
import type { Recording } from './format.js';
import { replayFixtures } from './replay.js';

const ORIGIN = 'https://log.fixture.test';

function exchange(method: string, path: string, status: number, answer: string, body?: string) {
  return {
    request: {
      method,
      url: `${ORIGIN}${path}`,
      headers: {},
      ...(body ? { body: { encoding: 'utf8' as const, data: body } } : {}),
    },
    response: {
      status,
      headers: { 'content-type': 'text/plain' },
      body: { encoding: 'utf8' as const, data: answer },
    },
  };
}

function recording(exchanges: Recording['exchanges']): Recording {
  return { name: 'test', description: 'test', recordedAt: '2026-01-01T00:00:00Z', notes: [], exchanges };
}

async function call(method: string, path: string, body?: string) {
  const response = await fetch(`${ORIGIN}${path}`, { method, ...(body ? { body } : {}) });
  return `${response.status} ${await response.text()}`;
}

describe('replayFixtures', () => {
  it('answers a repeated request with the recorded answers in order', async () => {
    replayFixtures(
      recording([
        exchange('POST', '/entries', 201, 'created', 'x'),
        exchange('POST', '/entries', 409, 'exists', 'x'),
      ]),
    );
    expect([await call('POST', '/entries', 'x'), await call('POST', '/entries', 'x')]).toEqual([
      '201 created',
      '409 exists',
    ]);
  });

  it('prefers the exchange whose recorded body equals the request body', async () => {
    replayFixtures(
      recording([exchange('POST', '/e', 200, 'for a', 'a'), exchange('POST', '/e', 200, 'for b', 'b')]),
    );
    expect(await call('POST', '/e', 'b')).toBe('200 for b');
  });

  it('matches the query string', async () => {
    replayFixtures(
      recording([exchange('GET', '/e?logIndex=2', 200, 'two'), exchange('GET', '/e?logIndex=1', 200, 'one')]),
    );
    expect(await call('GET', '/e?logIndex=1')).toBe('200 one');
  });

  it('answers 501 to a request nothing recorded matches, and lists it', async () => {
    const replay = replayFixtures(recording([exchange('GET', '/a', 200, 'a')]));
    expect([await call('GET', '/b'), replay.unmatched]).toEqual([
      expect.stringMatching(/^501 /),
      [`GET ${ORIGIN}/b`],
    ]);
  });

  it('reports the exchanges not answered yet', async () => {
    const replay = replayFixtures(
      recording([exchange('GET', '/a', 200, 'a'), exchange('GET', '/b', 200, 'b')]),
    );
    await call('GET', '/a');
    expect(replay.pending().map((e) => e.request.url)).toEqual([`${ORIGIN}/b`]);
  });
});
