import { execFile } from 'node:child_process';

/** Opens a URL for the user; the browser flow prints the URL as well, so failing is not fatal. */
export type OpenBrowser = (url: string) => Promise<void>;

/** The command that hands a URL to the desktop's default browser, as file and arguments. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd.exe built-in, and cmd would parse the `&`s of the URL; rundll32 takes the URL
  // as one argument with no shell in between.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/**
 * Opens `url` in the system browser (`open`, `xdg-open`, or the URL handler on Windows) via
 * `execFile`, never a shell. Resolves once the opener has exited; rejects when it is missing or
 * fails, which callers treat as "the user opens the printed URL by hand".
 */
export const openSystemBrowser: OpenBrowser = (url) => {
  const [file, args] = openCommand(url);
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: 10_000, windowsHide: true }, (err) =>
      err ? reject(err) : resolve(),
    );
    // The opener may keep running with the browser; it must not keep this process alive.
    child.unref();
  });
};
