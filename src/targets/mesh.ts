/**
 * Where a target's cores sit, as numbers: every core of the system (all chips of the board) gets
 * a slot, and slots are numbered in a locality order, so that a run of consecutive slots that
 * the placer splits at the boundaries `splitPoint` suggests is a compact block of the machine.
 *
 * The order is bisection order at every level: the board's chip grid is cut in half across its
 * longer side, recursively, and so is each chip's tile grid; a tile's cores follow each other.
 * Cutting a slot range at a chip, then a tile boundary thus cuts the machine into rectangles.
 *
 * Distances: the chips' tile meshes are laid side by side on one global grid of tiles; a message
 * takes |Δx| + |Δy| router hops between tiles (dimension-order routing, 0 inside one tile), and
 * `links` of those hops cross from one chip to the next (docs/targets.md, "Meshes and boards").
 */
import type { Target } from "./types.js";

/** The position of every slot of a system; slot s is system core s. */
export interface SystemLayout {
  readonly cores: number;
  readonly coresPerChip: number;
  readonly coresPerTile: number;
  readonly chip: Int32Array;
  /** Tile of the slot in global tile coordinates (the chip's offset on the board included). */
  readonly x: Int32Array;
  readonly y: Int32Array;
  /** Whether the target states a mesh (else every core is its own tile in one row, hops unknown). */
  readonly hasMesh: boolean;
}

/** All cores of the target's system: chip.cores times the board's chips. */
export function systemCores(target: Pick<Target, "chip" | "board">): number {
  return target.chip.cores * (target.board?.chips ?? 1);
}

/** Cells of a columns × rows grid in bisection order: halves of the longer side, recursively. */
export function bisectionOrder(columns: number, rows: number): { x: Int32Array; y: Int32Array } {
  const x = new Int32Array(columns * rows);
  const y = new Int32Array(columns * rows);
  let at = 0;
  const visit = (x0: number, x1: number, y0: number, y1: number): void => {
    const width = x1 - x0;
    const height = y1 - y0;
    if (width === 1 && height === 1) {
      x[at] = x0;
      y[at] = y0;
      at++;
    } else if (width >= height) {
      const mid = x0 + Math.floor(width / 2);
      visit(x0, mid, y0, y1);
      visit(mid, x1, y0, y1);
    } else {
      const mid = y0 + Math.floor(height / 2);
      visit(x0, x1, y0, mid);
      visit(x0, x1, mid, y1);
    }
  };
  if (columns > 0 && rows > 0) visit(0, columns, 0, rows);
  return { x, y };
}

export function systemLayout(target: Pick<Target, "chip" | "board">): SystemLayout {
  const mesh = target.chip.mesh ?? { columns: target.chip.cores, rows: 1, coresPerTile: 1 };
  const board = target.board ?? { chips: 1, columns: 1, rows: 1 };
  const coresPerChip = target.chip.cores;
  const cores = coresPerChip * board.chips;
  const chips = bisectionOrder(board.columns, board.rows);
  const tiles = bisectionOrder(mesh.columns, mesh.rows);
  const chip = new Int32Array(cores);
  const x = new Int32Array(cores);
  const y = new Int32Array(cores);
  for (let s = 0; s < cores; s++) {
    const c = Math.floor(s / coresPerChip);
    const tile = Math.floor((s - c * coresPerChip) / mesh.coresPerTile);
    chip[s] = c;
    x[s] = chips.x[c] * mesh.columns + tiles.x[tile];
    y[s] = chips.y[c] * mesh.rows + tiles.y[tile];
  }
  return { cores, coresPerChip, coresPerTile: mesh.coresPerTile, chip, x, y, hasMesh: target.chip.mesh !== undefined };
}

/** Router hops from slot a to slot b. */
export function hopsBetween(layout: SystemLayout, a: number, b: number): number {
  return Math.abs(layout.x[a] - layout.x[b]) + Math.abs(layout.y[a] - layout.y[b]);
}

/** Chip-to-chip links a message from slot a to slot b crosses (dimension-order routing). */
export function linksBetween(layout: SystemLayout, a: number, b: number, target: Pick<Target, "chip">): number {
  const mesh = target.chip.mesh;
  if (mesh === undefined || layout.chip[a] === layout.chip[b]) return 0;
  const cx = (s: number): number => Math.floor(layout.x[s] / mesh.columns);
  const cy = (s: number): number => Math.floor(layout.y[s] / mesh.rows);
  return Math.abs(cx(a) - cx(b)) + Math.abs(cy(a) - cy(b));
}

/**
 * Where to cut the slot range [lo, hi): at the machine boundary (chip, then tile) nearest its
 * middle when the range spans several, else at the middle. Always lo < cut < hi for hi − lo ≥ 2.
 */
export function splitPoint(layout: SystemLayout, lo: number, hi: number): number {
  const middle = (lo + hi) / 2;
  for (const block of [layout.coresPerChip, layout.coresPerTile]) {
    if (block <= 1) continue;
    const first = Math.ceil((lo + 1) / block) * block;
    const last = Math.floor((hi - 1) / block) * block;
    if (first > last) continue;
    return Math.min(last, Math.max(first, Math.round(middle / block) * block));
  }
  return Math.floor(middle);
}
