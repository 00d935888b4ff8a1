/**
 * The grid_distance connectivity rule (the Gordleeva et al. 2021 topology) on one grid shared by
 * pre and post. Pure and deterministic given the Rng; never reports user errors (the rules have
 * checked the grids), so a broken precondition is an InternalError.
 */
import type { Rng } from "../util/rng.js";
import { assert } from "../util/assert.js";
import type { Grid } from "./types.js";

/** Candidate draws per presynaptic neuron when the file gives none (the authors' 40,000). */
export const GRID_DISTANCE_CANDIDATES = 40_000;

/** CSR rows by presynaptic index with posts ascending; positionOf[c] = CSR slot of connection c. */
export interface GridDistanceStructure {
  readonly rowStart: Int32Array;
  readonly post: Int32Array;
  readonly positionOf: Int32Array;
}

/**
 * For each presynaptic neuron n (ascending; row = n mod rows, col = ⌊n / rows⌋), draws up to
 * `candidates` offsets, each as R = −mean·ln U (U in (0, 1]) then φ = 2π·V (V in [0, 1)), offset
 * (dr, dc) = (trunc(R·cos φ), trunc(R·sin φ)) added to (row, col). An offset is kept when it is not
 * (0, 0), lands inside the grid and was not drawn before for this neuron (the authors' stable
 * unique: a repeated offset is a repeated target); drawing stops at `outdegree` kept targets.
 * Stopping early gives the same targets as drawing all candidates and then filtering, and it is
 * what makes 6241 neurons × 40,000 candidates affordable. Connection order: pre-major, draw order
 * within a pre (per-synapse `values` follow it); CSR rows hold the posts ascending.
 */
export function gridDistance(rng: Rng, grid: Grid, outdegree: number, meanDistance: number, candidates: number): GridDistanceStructure {
  const [rows, cols] = grid;
  const size = rows * cols;
  assert(Number.isInteger(outdegree) && outdegree >= 1, `grid_distance outdegree ${outdegree} is not a positive integer`);
  assert(meanDistance > 0, `grid_distance mean_distance ${meanDistance} is not positive`);
  const perRow = Math.min(outdegree, Math.max(0, size - 1));
  assert(size * perRow <= 2 ** 31 - 1, `grid_distance with ${size}·${perRow} synapses exceeds the 2^31 - 1 a CSR row offset holds`);
  const drawn = new Int32Array(size * perRow); // targets in connection order
  const rowStart = new Int32Array(size + 1);
  const stamp = new Int32Array(size); // stamp[t] === n + 1: t already a target of n
  const twoPi = 2 * Math.PI;
  let count = 0;
  for (let n = 0; n < size; n++) {
    const row = n % rows;
    const col = (n - row) / rows;
    let kept = 0;
    for (let k = 0; k < candidates && kept < perRow; k++) {
      const radius = -meanDistance * Math.log(rng.nextFloatOpenZero());
      const angle = twoPi * rng.nextFloat();
      const r = row + Math.trunc(radius * Math.cos(angle));
      const c = col + Math.trunc(radius * Math.sin(angle));
      if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
      const target = r + rows * c;
      if (target === n || stamp[target] === n + 1) continue;
      stamp[target] = n + 1;
      drawn[count++] = target;
      kept++;
    }
    rowStart[n + 1] = count;
  }
  return sortRows(drawn.subarray(0, count), rowStart);
}

/** Sorts each row's posts ascending (they are distinct) and records where each connection went. */
function sortRows(drawn: Int32Array, rowStart: Int32Array): GridDistanceStructure {
  const count = drawn.length;
  const post = new Int32Array(count);
  const positionOf = new Int32Array(count);
  let widest = 0;
  for (let n = 0; n + 1 < rowStart.length; n++) widest = Math.max(widest, rowStart[n + 1] - rowStart[n]);
  const keys = new Float64Array(widest); // target·widest + draw index: exact below 2^53
  for (let n = 0; n + 1 < rowStart.length; n++) {
    const base = rowStart[n];
    const length = rowStart[n + 1] - base;
    const row = keys.subarray(0, length);
    for (let m = 0; m < length; m++) row[m] = drawn[base + m] * widest + m;
    row.sort();
    for (let rank = 0; rank < length; rank++) {
      const m = row[rank] % widest;
      post[base + rank] = drawn[base + m];
      positionOf[base + m] = base + rank;
    }
  }
  return { rowStart, post, positionOf };
}
