import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

const APP = 'keyless';

/**
 * The directory Keyless caches downloaded data in (TUF metadata and targets live under `tuf/`).
 *
 * In order: `KEYLESS_CACHE_DIR`; `$XDG_CACHE_HOME/keyless`; then the platform's convention:
 * `~/Library/Caches/keyless` on macOS, `%LOCALAPPDATA%\keyless` on Windows, `~/.cache/keyless`
 * elsewhere.
 *
 * @example
 * ```ts
 * defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }); // '/var/cache/me/keyless'
 * ```
 */
export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.KEYLESS_CACHE_DIR) return env.KEYLESS_CACHE_DIR;
  const path = platform === 'win32' ? win32 : posix;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, APP);
  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA || win32.join(env.USERPROFILE || homedir(), 'AppData', 'Local');
    return win32.join(localAppData, APP);
  }
  const home = env.HOME || homedir();
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', APP);
  return posix.join(home, '.cache', APP);
}
