/**
 * C2SP tlog-tiles paths: an index `N` is written as zero-padded 3-digit path elements, all but
 * the last prefixed with `x` (`1234067` is `x001/x234/067`), optionally followed by `.p/<W>` for
 * a partial tile of width `W` (1 to 255).
 */

/** Entries (or hashes) per full tile. */
export const TILE_WIDTH = 256;
/** Merkle levels per tile level. */
export const TILE_HEIGHT = 8;

/**
 * The path elements of tile index `n`, with `.p/<width>` for a partial tile.
 *
 * @example
 * ```ts
 * tileIndexPath(1234067); // 'x001/x234/067'
 * tileIndexPath(5, 17); // '005.p/17'
 * ```
 */
export function tileIndexPath(n: number, width = TILE_WIDTH): string {
  let digits = String(n);
  while (digits.length % 3 !== 0) digits = `0${digits}`;
  const groups = digits.match(/.{3}/g) ?? ['000'];
  const path = groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
  return width === TILE_WIDTH ? path : `${path}.p/${width}`;
}

/** Parses the elements of a tile index path; `undefined` when they do not follow the encoding. */
export function parseTileIndexPath(
  elements: readonly string[],
): { index: number; width: number } | undefined {
  let width = TILE_WIDTH;
  let parts = elements;
  const last = parts[parts.length - 1];
  const beforeLast = parts[parts.length - 2];
  if (beforeLast?.endsWith('.p') && last !== undefined) {
    if (!/^[1-9][0-9]{0,2}$/.test(last) || Number(last) >= TILE_WIDTH) return undefined;
    width = Number(last);
    parts = [...parts.slice(0, -2), beforeLast.slice(0, -2)];
  }
  if (parts.length === 0) return undefined;
  let index = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const digits = i < parts.length - 1 ? (part.startsWith('x') ? part.slice(1) : '') : part;
    if (!/^[0-9]{3}$/.test(digits)) return undefined;
    index = index * 1000 + Number(digits);
  }
  return Number.isSafeInteger(index) ? { index, width } : undefined;
}
