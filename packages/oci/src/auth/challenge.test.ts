import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.js';

describe('parseChallenges', () => {
  it('reads a Docker Hub bearer challenge', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ]);
  });

  it('keeps commas and escaped quotes inside quoted values', () => {
    const [challenge] = parseChallenges(
      'Bearer realm="https://a.example/t",scope="repository:x:pull,push",error="say \\"hi\\""',
    );
    expect(challenge?.params.scope).toBe('repository:x:pull,push');
    expect(challenge?.params.error).toBe('say "hi"');
  });

  it('reads a basic challenge with a token value', () => {
    expect(parseChallenges('Basic realm=registry')).toEqual([
      { scheme: 'basic', params: { realm: 'registry' } },
    ]);
  });

  it('reads several challenges in one header', () => {
    const schemes = parseChallenges(
      'Basic realm="a", Bearer realm="https://b.example/token",service="b"',
    ).map((c) => c.scheme);
    expect(schemes).toEqual(['basic', 'bearer']);
  });

  it('returns nothing for an empty header', () => {
    expect(parseChallenges('')).toEqual([]);
  });
});
