export * from './msw-server.js';
export * from './realdata.js';
