export * from './msw-server.js';
export * from './realdata.js';
export * from './recording/format.js';
export * from './recording/record.js';
export * from './recording/replay.js';
export * from './scratch-dir.js';
