import { setupServer } from 'msw/node';

/** The msw server every unit test shares; tests add handlers with `mswServer.use(...)`. */
export const mswServer = setupServer();
