import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@keyless/testkit';

/** The parts of a V8 `.cpuprofile` this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface Row {
  label: string;
  micros: number;
}

function where(frame: CallFrame): string {
  if (!frame.url) return '(native)';
  const path = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  const shown = path.startsWith(repoRoot) ? relative(repoRoot, path) : path.replace(/^.*node_modules\//, '');
  return `${shown}:${frame.lineNumber + 1}`;
}

function label(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name}  ${where(frame)}` : name;
}

/** Self time per function, per source file and inclusive time per function, in microseconds. */
export function summarize(profile: CpuProfile): {
  total: number;
  self: Row[];
  files: Row[];
  inclusive: Row[];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    const own = label(node.callFrame);
    self.set(own, (self.get(own) ?? 0) + dt);
    const file = node.callFrame.url ? where(node.callFrame).replace(/:\d+$/, '') : own;
    files.set(file, (files.get(file) ?? 0) + dt);
    // Recursion must not count a sample twice for the same function.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      const name = label(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
    }
  });
  const rows = (m: Map<string, number>): Row[] =>
    [...m].map(([l, micros]) => ({ label: l, micros })).sort((a, b) => b.micros - a.micros);
  return { total, self: rows(self), files: rows(files), inclusive: rows(inclusive) };
}

function newestProfile(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const files = readdirSync(target)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(target, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files[0]) throw new Error(`no .cpuprofile in ${target}`);
  return files[0];
}

function print(
  title: string,
  rows: readonly Row[],
  total: number,
  limit: number,
  filter?: (r: Row) => boolean,
): void {
  console.log(`\n${title}`);
  for (const row of rows.filter(filter ?? (() => true)).slice(0, limit)) {
    console.log(`${((100 * row.micros) / total).toFixed(1).padStart(5)}%  ${row.label}`);
  }
}

// Usage: summarize [profile file or folder (newest .cpuprofile)] [rows]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = newestProfile(process.argv[2] ?? 'profiles');
  const limit = Number(process.argv[3] ?? 25);
  const { total, self, files, inclusive } = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
  print('Top self time', self, total, limit);
  print('Self time by source file', files, total, limit);
  print('Top inclusive time in Keyless packages', inclusive, total, limit, (r) =>
    r.label.includes('packages/'),
  );
}
