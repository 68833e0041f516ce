import { KeylessError } from '@keyless/core';

/** Codes thrown by the example plugin. Keyless reports them as `plugin example: <message>`. */
export type ExamplePluginErrorCode =
  /** A setting the plugin needs (an environment variable) is missing. */
  | 'ERR_EXAMPLE_NOT_CONFIGURED'
  /** A file the plugin was pointed at cannot be read or holds the wrong thing. */
  | 'ERR_EXAMPLE_INPUT'
  /** The timestamp authority did not grant a timestamp. */
  | 'ERR_EXAMPLE_TSA';

/** The one error class of the example plugin. */
export class ExamplePluginError extends KeylessError<ExamplePluginErrorCode> {}

/** The environment the plugin reads its settings from. */
export type Env = Record<string, string | undefined>;

/** Reads a required setting, or says which variable to set. */
export function setting(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ExamplePluginError('ERR_EXAMPLE_NOT_CONFIGURED', `set ${name} to ${what}`);
  return value;
}
