import { afterAll, afterEach, beforeAll } from 'vitest';
import { mswServer } from './packages/testkit/src/msw-server.js';
import { removeScratchDirs } from './packages/testkit/src/scratch-dir.js';

// The unit suite never touches the network: every request goes through msw, and a request no
// handler answers fails the test. Loopback is let through for tests that start real servers.
beforeAll(() => {
  mswServer.listen({
    onUnhandledRequest(request, print) {
      const { hostname } = new URL(request.url);
      if (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]') return;
      print.error();
    },
  });
});
afterEach(() => mswServer.resetHandlers());
afterAll(() => {
  mswServer.close();
  removeScratchDirs();
});
