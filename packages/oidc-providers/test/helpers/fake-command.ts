import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes an executable `name` into a fresh folder and returns that folder, to put first on PATH.
 * The script is Node, so the test needs no shell tools; it records its arguments in `args.json`
 * beside itself and then runs `body` (JavaScript with `args` in scope).
 */
export function fakeCommand(name: string, body: string): { dir: string; argsFile: string } {
  const dir = mkdtempSync(join(tmpdir(), `keyless-fake-${name}-`));
  const argsFile = join(dir, 'args.json');
  const script = `#!${process.execPath}
const args = process.argv.slice(2);
require('node:fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(args));
${body}
`;
  const path = join(dir, name);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return { dir, argsFile };
}
