import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();

/**
 * A new empty folder under the system temp dir, removed after the test file ends (the shared
 * vitest setup calls {@link removeScratchDirs}).
 */
export function scratchDir(prefix = 'keyless-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.add(dir);
  return dir;
}

/** Removes every folder {@link scratchDir} made in this test file. */
export function removeScratchDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
}
