export * from './certificate/extensions.js';
export * from './certificate/identity.js';
export * from './errors.js';
export * from './sct/parse.js';
export * from './sct/precertificate.js';
export * from './sct/signed-data.js';
export * from './sct/types.js';
export * from './sct/verify.js';
