import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseSigningConfig } from '@keyless/core';
import { type DevStack, startDevStack } from '@keyless/dev-stack';
import { createSigningPipeline } from '@keyless/sign';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserProvider } from '../src/providers/browser.js';
import { deviceFlowProvider } from '../src/providers/device-flow.js';
import { staticTokenProvider } from '../src/providers/static-token.js';
import { decodeTokenClaims } from '../src/token/claims.js';
import { captureOutput } from './helpers/issuer.js';

// These tests sign in for real: the dev stack's OpenID issuer on loopback, and Debian's Chromium
// driven by playwright-core, typing an email on the issuer's sign-in page.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let stack: DevStack;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'keyless-oidc-e2e-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the browser sign-in tests need it (install it with \`apt-get install chromium\`; CI does)`,
    );
  }
  [stack, browser] = await Promise.all([
    startDevStack({ dir, port: 0 }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([browser?.close(), stack?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('browser flow against the dev stack issuer', () => {
  it('signs in through the real sign-in page, returns a verified token, and signs with it', async () => {
    const context = await browser.newContext();
    const output = captureOutput();
    // Fails the test with what the browser saw, rather than waiting for the out-of-band fallback.
    let visitFailed!: (err: unknown) => void;
    const visitFailure = new Promise<never>((_resolve, reject) => {
      visitFailed = reject;
    });
    try {
      const provider = browserProvider({
        issuer: stack.urls.oidc,
        output,
        input: new PassThrough(),
        timeoutMs: 30_000,
        openBrowser: async (url) => {
          const page = await context.newPage();
          const failures: string[] = [];
          page.on('requestfailed', (r) => failures.push(`${r.url()} ${r.failure()?.errorText}`));
          page.on('console', (m) => {
            if (m.type() === 'error') failures.push(m.text());
          });
          try {
            await page.goto(url);
            await page.fill('#email', 'alice@example.com');
            await Promise.all([
              page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?/, { timeout: 15_000 }),
              page.click('button[type=submit]'),
            ]);
            expect(await page.textContent('h1')).toBe('Signed in');
          } catch (err) {
            // Let the browser report why (a console error, a failed request) before saying so.
            await new Promise((resolve) => setTimeout(resolve, 300));
            visitFailed(
              new Error(`the browser did not reach the loopback redirect (${failures.join('; ')})`, {
                cause: err,
              }),
            );
          }
        },
      });
      const token = await Promise.race([provider.getToken({ audience: 'sigstore' }), visitFailure]);
      expect(decodeTokenClaims(token)).toMatchObject({
        iss: stack.urls.oidc,
        aud: 'sigstore',
        email: 'alice@example.com',
        email_verified: true,
      });
      expect(output.text()).toContain(`${stack.urls.oidc}/auth?`);
      expect(output.text()).not.toContain(token);

      // Then sign with it against the same stack: the certificate carries the typed email.
      const pipeline = await createSigningPipeline({
        signingConfig: parseSigningConfig(stack.signingConfig),
        trustedRoot: stack.trustedRoot,
        oidcProvider: staticTokenProvider(token),
      });
      const signed = await pipeline.signBlob(new TextEncoder().encode('signed after a browser sign-in\n'));
      expect(signed.identity.subjectAlternativeName).toBe('alice@example.com');
      expect(signed.identity.issuer).toBe(stack.urls.oidc);
      expect(signed.bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('device flow against the dev stack issuer', () => {
  it('prints a user code that, approved in the browser, yields a verified token', async () => {
    const context = await browser.newContext();
    const output = captureOutput();
    try {
      const pending = deviceFlowProvider({ issuer: stack.urls.oidc, output }).getToken({
        audience: 'sigstore',
      });
      const instructions = await waitFor(
        () => output.text().includes('Waiting for approval') && output.text(),
      );
      const [, verificationUri, userCode] =
        /visit:\n\n {2}(\S+)\n\nand enter the code:\n\n {2}(\S+)\n/.exec(instructions) ?? [];
      expect(verificationUri).toBe(`${stack.urls.oidc}/device`);

      const page = await context.newPage();
      await page.goto(verificationUri!);
      await page.fill('input[name=user_code]', userCode!);
      await page.click('button[type=submit]');
      await page.click('button:has-text("Approve")');
      await page.fill('#email', 'bob@example.com');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=Device approved');

      const token = await pending;
      expect(decodeTokenClaims(token)).toMatchObject({
        iss: stack.urls.oidc,
        aud: 'sigstore',
        email: 'bob@example.com',
      });
    } finally {
      await context.close();
    }
  }, 60_000);
});

/** Polls `check` until it returns something truthy. */
async function waitFor<T>(check: () => T | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
