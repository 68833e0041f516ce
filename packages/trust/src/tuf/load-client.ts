/** The parts of tuf-js this package uses. */
export type TufClient = Awaited<ReturnType<typeof loadTufClient>>;

/**
 * Imports tuf-js on demand. Only an online refresh needs it, and importing it at module load
 * would slow down every command that never goes online.
 */
export async function loadTufClient() {
  const [{ Updater, BaseFetcher }, { DownloadHTTPError, PersistError }] = await Promise.all([
    import('tuf-js'),
    import('tuf-js/dist/error.js'),
  ]);
  const isPersistError = (err: unknown): boolean => err instanceof PersistError;
  return { Updater, BaseFetcher, DownloadHTTPError, isPersistError };
}
