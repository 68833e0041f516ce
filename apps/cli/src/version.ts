import packageJson from '../package.json' with { type: 'json' };

/** The version of this command line, from its package.json. */
export const VERSION: string = packageJson.version;
