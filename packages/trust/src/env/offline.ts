const TRUTHY = new Set(['1', 'true', 'yes', 'on']);

/**
 * Whether the environment asks for offline operation (`KEYLESS_OFFLINE=1`, `true`, `yes` or `on`,
 * case-insensitive). Anything else, including an empty value or `0`, means online.
 *
 * @example
 * ```ts
 * isOfflineFromEnv({ KEYLESS_OFFLINE: '1' }); // true
 * ```
 */
export function isOfflineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.KEYLESS_OFFLINE;
  return value !== undefined && TRUTHY.has(value.trim().toLowerCase());
}
