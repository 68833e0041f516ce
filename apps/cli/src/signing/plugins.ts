import type { KeylessPlugin } from '@keyless/core';
import { CliError } from '../errors.js';

/**
 * Loads every `--plugin`, in order. A plugin that cannot be found, loaded or validated is an input
 * error (exit code 3) whose message starts with `plugin <specifier>:`.
 */
export async function loadPlugins(specifiers: readonly string[], cwd: string): Promise<KeylessPlugin[]> {
  if (specifiers.length === 0) return [];
  const { loadPlugin } = await import('@keyless/core');
  const plugins: KeylessPlugin[] = [];
  for (const specifier of specifiers) {
    try {
      plugins.push(await loadPlugin(specifier, { cwd }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CliError('ERR_INPUT_UNREADABLE', message, { cause: error });
    }
  }
  return plugins;
}
