import { describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { captureOutput, type FakeIssuer, installFakeIssuer } from '../../test/helpers/issuer.js';
import { epoch } from '../../test/helpers/tokens.js';
import { deviceFlowProvider } from './device-flow.js';

const DEVICE = {
  device_code: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS',
  user_code: 'WDJB-MJHT',
  verification_uri: 'https://issuer.test/device',
  verification_uri_complete: 'https://issuer.test/device?user_code=WDJB-MJHT',
  expires_in: 1800,
  interval: 5,
};

type Reply = { error: string } | 'token' | ((issuer: FakeIssuer) => Promise<unknown>);

/** A fake clock: sleeping advances time at once and is recorded. */
function fakeClock() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}

/** An issuer whose token endpoint answers the polls with `replies`, in order (the last repeats). */
async function issuerAnswering(replies: Reply[], device: Record<string, unknown> = DEVICE, discovery = {}) {
  let polls = 0;
  return installFakeIssuer({
    discovery,
    device: () => ({ status: 200, body: device }),
    token: async (_form, issuer) => {
      const reply = replies[Math.min(polls++, replies.length - 1)]!;
      if (reply === 'token')
        return { status: 200, body: { id_token: await issuer.idToken(), token_type: 'Bearer' } };
      if (typeof reply === 'function') return { status: 200, body: { id_token: await reply(issuer) } };
      return { status: 400, body: reply };
    },
  });
}

function provider(
  issuer: FakeIssuer,
  clock: ReturnType<typeof fakeClock>['clock'],
  output = captureOutput(),
) {
  return deviceFlowProvider({ issuer: issuer.url, output, clock });
}

describe('deviceFlowProvider', () => {
  it('prints the verification URI and user code, polls until approved, and returns the verified token', async () => {
    const issuer = await issuerAnswering([{ error: 'authorization_pending' }, 'token']);
    const { clock, sleeps } = fakeClock();
    const output = captureOutput();
    const token = await provider(issuer, clock, output).getToken({ audience: 'sigstore' });
    expect(token.split('.')).toHaveLength(3);
    expect(output.text()).toContain('https://issuer.test/device\n');
    expect(output.text()).toContain('WDJB-MJHT');
    expect(output.text()).toContain('https://issuer.test/device?user_code=WDJB-MJHT');
    expect(output.text()).not.toContain(token);
    expect(sleeps).toEqual([5000, 5000]);
    expect(Object.fromEntries(issuer.deviceRequests[0]!)).toEqual({
      client_id: 'sigstore',
      scope: 'openid email',
    });
    expect(Object.fromEntries(issuer.tokenRequests[0]!)).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: DEVICE.device_code,
      client_id: 'sigstore',
    });
  });

  it('adds 5 seconds to the interval on slow_down, and keeps it for later polls', async () => {
    const issuer = await issuerAnswering([
      { error: 'authorization_pending' },
      { error: 'slow_down' },
      { error: 'authorization_pending' },
      'token',
    ]);
    const { clock, sleeps } = fakeClock();
    await provider(issuer, clock).getToken({ audience: 'sigstore' });
    expect(sleeps).toEqual([5000, 5000, 10000, 10000]);
  });

  it('stops with ERR_AUTHORIZATION_EXPIRED on expired_token', async () => {
    const issuer = await issuerAnswering([{ error: 'authorization_pending' }, { error: 'expired_token' }]);
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_EXPIRED');
    expect(err.message).toBe('the device code expired before the sign-in was approved; try again');
  });

  it('stops polling once the device code has outlived expires_in', async () => {
    const issuer = await issuerAnswering([{ error: 'authorization_pending' }], { ...DEVICE, expires_in: 12 });
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_EXPIRED');
    expect(issuer.tokenRequests).toHaveLength(2);
  });

  it('stops with ERR_AUTHORIZATION_DENIED on access_denied', async () => {
    const issuer = await issuerAnswering([{ error: 'access_denied' }]);
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_DENIED');
    expect(err.message).toBe('the sign-in was denied');
  });

  it('reports another OAuth error with its description', async () => {
    const issuer = await issuerAnswering([
      { error: 'invalid_client', error_description: 'unknown client' } as never,
    ]);
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_FAILED');
    expect(err.message).toBe('the device flow failed: invalid_client: unknown client');
  });

  it('polls every 5 seconds when the issuer gives no interval', async () => {
    const { interval: _omitted, ...withoutInterval } = DEVICE;
    const issuer = await issuerAnswering(['token'], withoutInterval);
    const { clock, sleeps } = fakeClock();
    await provider(issuer, clock).getToken({ audience: 'sigstore' });
    expect(sleeps).toEqual([5000]);
  });

  it('refuses an ID token for another audience', async () => {
    const issuer = await issuerAnswering([(i) => i.idToken({ aud: 'other-client' })]);
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
  });

  it('refuses an expired ID token', async () => {
    const issuer = await issuerAnswering([(i) => i.idToken({ exp: epoch(-3600), iat: epoch(-7200) })]);
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_EXPIRED');
  });

  it('says so when the issuer has no device endpoint', async () => {
    const issuer = await issuerAnswering(['token'], DEVICE, { device_authorization_endpoint: undefined });
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_DISCOVERY_FAILED');
    expect(err.message).toContain('does not offer the device flow');
  });

  it('refuses a discovery document that names another issuer', async () => {
    const issuer = await issuerAnswering(['token'], DEVICE, { issuer: 'https://evil.test' });
    const err = await oidcFailure(provider(issuer, fakeClock().clock).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_DISCOVERY_FAILED');
    expect(err.message).toBe(
      'OIDC discovery of https://issuer.test: the document names issuer "https://evil.test", not "https://issuer.test"',
    );
  });

  it('stops when the caller aborts while waiting', async () => {
    const issuer = await issuerAnswering([{ error: 'authorization_pending' }]);
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const clock = {
      now: () => 0,
      sleep: async () => {
        controller.abort(reason);
        throw reason;
      },
    };
    await expect(
      deviceFlowProvider({ issuer: issuer.url, output: captureOutput(), clock }).getToken({
        audience: 'sigstore',
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });
});
