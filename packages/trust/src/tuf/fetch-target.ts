import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrustError } from '../errors.js';
import { tufCacheLayout } from './cache-layout.js';
import { createTufFetcher, type TransportLog } from './fetcher.js';
import { loadTufClient } from './load-client.js';

/** How long a whole TUF refresh (all metadata plus the target) may take by default. */
export const DEFAULT_TUF_TIMEOUT_MS = 10_000;

export interface FetchTufTargetOptions {
  /** Base URL of the TUF repository; metadata at `<url>/N.root.json`, targets at `<url>/targets/`. */
  repositoryUrl: string;
  cacheDir: string;
  /** The trust anchor written to the cache when it holds no root.json yet, and where it came from. */
  seedRoot: { bytes: Uint8Array; origin: string };
  targetName: string;
  /** The whole refresh, target download included, must finish within this. */
  timeoutMs: number;
  /** What to tell the user to do when the repository cannot be reached. */
  unreachableHint: string;
  signal?: AbortSignal;
}

/**
 * Runs the TUF client workflow against a repository (update root, timestamp, snapshot, targets,
 * then the target itself, reusing the cache where its hashes still match) and returns the
 * verified target's text. Metadata and targets persist in the cache for later and offline runs.
 *
 * Fails with `ERR_TUF_UNREACHABLE` when the repository cannot be reached within `timeoutMs`,
 * `ERR_TUF_METADATA_INVALID` when metadata fails verification, `ERR_TUF_TARGET_INVALID` when the
 * target does not match its metadata, `ERR_TUF_TARGET_NOT_FOUND` when it is not listed.
 */
export async function fetchTufTarget(options: FetchTufTargetOptions): Promise<string> {
  const { repositoryUrl, targetName, timeoutMs } = options;
  const layout = tufCacheLayout(options.cacheDir, repositoryUrl);
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const log: TransportLog = {};
  // Where the refresh got to, which tells a tampered target from bad metadata on failure.
  const progress: FailureContext['progress'] = {
    phase: 'cache',
    rootOrigin: options.seedRoot.origin,
  };
  const tuf = await loadTufClient();

  const run = async (): Promise<string> => {
    progress.rootOrigin = await prepareCache(layout, options.seedRoot);
    progress.phase = 'root';
    const updater = new tuf.Updater({
      metadataDir: layout.metadataDir,
      metadataBaseUrl: repositoryUrl,
      targetDir: layout.targetsDir,
      targetBaseUrl: `${repositoryUrl}/targets`,
      fetcher: createTufFetcher(tuf, signal, log),
    });
    progress.phase = 'metadata';
    await updater.refresh();
    const info = await updater.getTargetInfo(targetName);
    if (!info) {
      throw new TrustError(
        'ERR_TUF_TARGET_NOT_FOUND',
        `the TUF repository ${repositoryUrl} lists no ${targetName}`,
      );
    }
    progress.phase = 'target';
    const path = (await updater.findCachedTarget(info)) ?? (await updater.downloadTarget(info));
    return readFile(path, 'utf8');
  };

  const work = run();
  // The refresh may outlive the deadline race below; its late failure is already accounted for.
  work.catch(() => {});
  try {
    return await raceAbort(work, signal);
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw explainFailure(err, { ...options, deadline, log, progress, isPersistError: tuf.isPersistError });
  }
}

interface FailureContext extends FetchTufTargetOptions {
  deadline: AbortSignal;
  log: TransportLog;
  progress: { phase: 'cache' | 'root' | 'metadata' | 'target'; rootOrigin: string };
  isPersistError: (err: unknown) => boolean;
}

/** Turns whatever stopped the refresh into the TrustError that says what went wrong. */
function explainFailure(err: unknown, context: FailureContext): TrustError {
  if (err instanceof TrustError) return err;
  const { repositoryUrl, targetName, log, progress } = context;
  const cause = { cause: err };
  const unreachable = (why: string) =>
    new TrustError(
      'ERR_TUF_UNREACHABLE',
      `cannot reach the TUF repository ${repositoryUrl} (${why}); ${context.unreachableHint}`,
      cause,
    );
  if (context.deadline.aborted) return unreachable(`timed out after ${context.timeoutMs / 1000} s`);
  if (log.failure) return unreachable(log.failure.reason);
  const why = err instanceof Error ? err.message : String(err);
  if (context.isPersistError(err)) {
    return new TrustError(
      'ERR_CACHE_UNWRITABLE',
      `cannot write the TUF cache for ${repositoryUrl}: ${why}`,
      cause,
    );
  }
  switch (progress.phase) {
    case 'root':
      return new TrustError(
        'ERR_TUF_METADATA_INVALID',
        `${progress.rootOrigin} is not a valid TUF root: ${why}`,
        cause,
      );
    case 'target':
      return new TrustError(
        'ERR_TUF_TARGET_INVALID',
        `${targetName} from ${repositoryUrl} does not match its TUF targets metadata: ${why}`,
        cause,
      );
    default:
      return new TrustError(
        'ERR_TUF_METADATA_INVALID',
        `TUF metadata from ${repositoryUrl} failed verification: ${why}`,
        cause,
      );
  }
}

/**
 * Creates the cache folders and, on first use, writes the seed root. Returns how to name the root
 * the client will start from in error messages.
 */
async function prepareCache(
  layout: ReturnType<typeof tufCacheLayout>,
  seedRoot: FetchTufTargetOptions['seedRoot'],
): Promise<string> {
  const rootPath = join(layout.metadataDir, 'root.json');
  try {
    await mkdir(layout.targetsDir, { recursive: true });
    if (existsSync(rootPath)) return `the cached TUF root ${rootPath} (delete it to start over)`;
    await writeFile(rootPath, seedRoot.bytes);
    return seedRoot.origin;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new TrustError(
      'ERR_CACHE_UNWRITABLE',
      `cannot write the TUF cache ${layout.metadataDir} (${why}); set KEYLESS_CACHE_DIR to a writable folder`,
      { cause: err },
    );
  }
}

/** Settles with `work`, or rejects as soon as `signal` aborts. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
