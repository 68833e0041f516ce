import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

/** Which CPUs this process may run on (Linux), e.g. "0" under `taskset -c 0`. */
export function cpuAffinity(): string | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    return /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

/** One line naming the runtime and the machine, so numbers are never quoted without them. */
export function describeEnvironment(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const affinity = cpuAffinity();
  const cores = availableParallelism();
  const pinned = affinity ? `CPUs allowed: ${affinity} (${cores} usable)` : `${cores} CPUs usable`;
  return `node ${process.version} (OpenSSL ${process.versions.openssl}), ${model}, ${pinned}`;
}
