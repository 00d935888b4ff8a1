/**
 * Grid worlds for the navigation experiments (docs/snan.md, "Worlds and observation"): seeded
 * mazes and open fields with obstacles, the move rule, breadth-first distances, and what an
 * agent is shown of a cell under each observation mode.
 *
 * A world is `width × height` cells, cell c = y·width + x, y growing southwards. `walls[c]` holds
 * one bit per action (bit a = 1 << a, in the order of ACTIONS: 1 north, 2 east, 4 south, 8 west)
 * that is set when that move from c is blocked, by a wall, the border or an obstacle cell. Walls
 * are consistent: bit a of c is set exactly when the opposite bit of c's neighbour in direction a
 * is set. Obstacle cells (`blocked[c] = 1`, fields only) have all four bits set, so every move
 * into them is blocked from both sides. A blocked move leaves the agent where it was (a bump).
 *
 * All randomness comes from `Rng.derive(seed, label)`; the same options give the same world on
 * every machine.
 */
import { ACTIONS, type Action } from "./agent.js";
import { Rng } from "../util/rng.js";

export type WorldKind = "maze" | "field";

export interface GridWorld {
  readonly kind: WorldKind;
  readonly width: number;
  readonly height: number;
  /** Per cell, the blocked moves as bits 1 << action (1 N, 2 E, 4 S, 8 W). Do not mutate. */
  readonly walls: Uint8Array;
  /** Per cell, 1 for an obstacle (never entered), else 0. Do not mutate. */
  readonly blocked: Uint8Array;
  readonly start: number;
  readonly goal: number;
  /** Moves on a shortest path from start to goal (BFS). */
  readonly shortestPath: number;
  /** Cells reachable from the start, the start included (the denominator of coverage). */
  readonly reachableCells: number;
  /** The seed the world was generated from (0 for worlds built by hand). */
  readonly seed: number;
}

/** Cell offsets per action: north, east, south, west. */
const DX = [0, 1, 0, -1] as const;
const DY = [-1, 0, 1, 0] as const;
/** The opposite action: north ↔ south, east ↔ west. */
const OPPOSITE = [2, 3, 0, 1] as const;
const ALL_WALLS = 15;

/** The cell one move away in direction `action`, or −1 past the border (walls ignored). */
export function neighbour(width: number, height: number, cell: number, action: Action): number {
  const x = (cell % width) + DX[action];
  const y = Math.floor(cell / width) + DY[action];
  return x < 0 || y < 0 || x >= width || y >= height ? -1 : y * width + x;
}

/** Where `action` from `cell` leads: the neighbour, or `cell` itself when the move is blocked. */
export function nextCell(world: GridWorld, cell: number, action: Action): number {
  if ((world.walls[cell] >> action) & 1) return cell;
  return cell + DX[action] + DY[action] * world.width;
}

/** One move: the cell it leads to and whether it hit a wall (then `cell` is unchanged). */
export function move(world: GridWorld, cell: number, action: Action): { readonly cell: number; readonly bumped: boolean } {
  const next = nextCell(world, cell, action);
  return { cell: next, bumped: next === cell };
}

/** BFS distances in moves from `from` to every cell; −1 for cells that cannot be reached. */
export function bfsDistances(world: Pick<GridWorld, "width" | "height" | "walls">, from: number): Int32Array {
  const { width, walls } = world;
  const cells = world.width * world.height;
  const distance = new Int32Array(cells).fill(-1);
  const queue = new Int32Array(cells);
  let head = 0, tail = 0;
  distance[from] = 0;
  queue[tail++] = from;
  while (head < tail) {
    const cell = queue[head++];
    for (const action of ACTIONS) {
      if ((walls[cell] >> action) & 1) continue;
      const next = cell + DX[action] + DY[action] * width;
      if (distance[next] < 0) {
        distance[next] = distance[cell] + 1;
        queue[tail++] = next;
      }
    }
  }
  return distance;
}

/** The cells of a world given by hand or decoded from JSON; checked and completed by `makeWorld`. */
export interface WorldSpec {
  readonly kind: WorldKind;
  readonly width: number;
  readonly height: number;
  readonly walls: ArrayLike<number>;
  readonly blocked?: ArrayLike<number>;
  readonly start: number;
  readonly goal: number;
  readonly seed?: number;
}

/**
 * Builds a world from its walls, checking that they are consistent between neighbours and close
 * the border, that obstacles are closed on all sides, and that the goal can be reached; computes
 * the shortest path and the reachable cells. Throws RangeError on a world that breaks a rule.
 */
export function makeWorld(spec: WorldSpec): GridWorld {
  const { width, height } = spec;
  checkSize(width, height);
  const cells = width * height;
  if (spec.walls.length !== cells) throw new RangeError(`walls has ${spec.walls.length} cells, expected ${cells}`);
  const walls = Uint8Array.from(spec.walls);
  const blocked = spec.blocked === undefined ? new Uint8Array(cells) : Uint8Array.from(spec.blocked);
  if (blocked.length !== cells) throw new RangeError(`blocked has ${blocked.length} cells, expected ${cells}`);
  for (let cell = 0; cell < cells; cell++) {
    if (walls[cell] > ALL_WALLS) throw new RangeError(`cell ${cell} has wall bits ${walls[cell]} beyond 15`);
    if (blocked[cell] && walls[cell] !== ALL_WALLS) throw new RangeError(`obstacle cell ${cell} is not closed on all sides`);
    for (const action of ACTIONS) {
      const other = neighbour(width, height, cell, action);
      const closed = (walls[cell] >> action) & 1;
      if (other < 0) {
        if (!closed) throw new RangeError(`cell ${cell} is open to the border (action ${action})`);
      } else if (closed !== ((walls[other] >> OPPOSITE[action]) & 1)) {
        throw new RangeError(`the wall between cells ${cell} and ${other} is set on one side only`);
      }
    }
  }
  for (const [name, cell] of [["start", spec.start], ["goal", spec.goal]] as const) {
    if (!Number.isInteger(cell) || cell < 0 || cell >= cells) throw new RangeError(`${name} ${cell} is not a cell`);
    if (blocked[cell]) throw new RangeError(`${name} ${cell} is an obstacle`);
  }
  const distance = bfsDistances({ width, height, walls }, spec.start);
  if (distance[spec.goal] < 0) throw new RangeError(`the goal ${spec.goal} cannot be reached from the start ${spec.start}`);
  let reachableCells = 0;
  for (let cell = 0; cell < cells; cell++) if (distance[cell] >= 0) reachableCells++;
  return {
    kind: spec.kind, width, height, walls, blocked, start: spec.start, goal: spec.goal,
    shortestPath: distance[spec.goal], reachableCells, seed: spec.seed ?? 0,
  };
}

function checkSize(width: number, height: number): void {
  for (const [name, value] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 4096) throw new RangeError(`${name} must be an integer in [1, 4096], got ${value}`);
  }
  if (width * height < 2) throw new RangeError("a world needs at least two cells");
}

/** Walls of a grid with only the border closed (fields start here; so do worlds built by hand). */
export function borderWalls(width: number, height: number): Uint8Array {
  return initialWalls(width, height, false);
}

/** Walls of a grid with every wall closed (mazes start here) or only the border closed. */
function initialWalls(width: number, height: number, closed: boolean): Uint8Array {
  const walls = new Uint8Array(width * height);
  for (let cell = 0; cell < walls.length; cell++) {
    if (closed) walls[cell] = ALL_WALLS;
    else for (const action of ACTIONS) if (neighbour(width, height, cell, action) < 0) walls[cell] |= 1 << action;
  }
  return walls;
}

/**
 * Opens (or closes) the wall between `cell` and its neighbour in direction `action`, on both
 * sides, in place. The neighbour must exist (the border stays closed).
 */
export function setWall(walls: Uint8Array, width: number, cell: number, action: Action, closed: boolean): void {
  const other = cell + DX[action] + DY[action] * width;
  if (closed) {
    walls[cell] |= 1 << action;
    walls[other] |= 1 << OPPOSITE[action];
  } else {
    walls[cell] &= ~(1 << action);
    walls[other] &= ~(1 << OPPOSITE[action]);
  }
}

/** One of the four corners, drawn from `rng`. */
function cornerCell(width: number, height: number, rng: Rng): number {
  const corner = rng.nextInt(4);
  return (corner & 2 ? height - 1 : 0) * width + (corner & 1 ? width - 1 : 0);
}

/** The cell farthest from the start by BFS (ties: the lowest cell index) and its distance. */
function farthest(distance: Int32Array): { readonly cell: number; readonly distance: number } {
  let cell = 0;
  for (let c = 1; c < distance.length; c++) if (distance[c] > distance[cell]) cell = c;
  return { cell, distance: distance[cell] };
}

export interface MazeOptions {
  readonly width: number;
  readonly height: number;
  readonly seed: number;
  /**
   * Share in [0, 1] of the walls left standing by the perfect maze that are then removed, each
   * removal adding one cycle (0: a perfect maze, a tree; 1: an open grid). Default 0.
   */
  readonly loops?: number;
}

/**
 * A maze by randomised depth-first search (the recursive backtracker, with an explicit stack):
 * from the start corner, repeatedly step to a random unvisited neighbour, opening the wall, and
 * back up when there is none. The result is a perfect maze (exactly one path between any two
 * cells); `loops` then opens a seeded share of the remaining interior walls. The start is a
 * seeded corner; the goal is the cell farthest from it by BFS.
 */
export function generateMaze(options: MazeOptions): GridWorld {
  const { width, height, seed } = options;
  const loops = options.loops ?? 0;
  checkSize(width, height);
  if (!(loops >= 0 && loops <= 1)) throw new RangeError(`loops must lie in [0, 1], got ${loops}`);
  const cells = width * height;
  const start = cornerCell(width, height, Rng.derive(seed, "maze/start"));
  const walls = initialWalls(width, height, true);
  const rng = Rng.derive(seed, "maze/carve");
  const visited = new Uint8Array(cells);
  const stack = new Int32Array(cells);
  const options4 = new Int32Array(4);
  let depth = 0;
  stack[depth++] = start;
  visited[start] = 1;
  while (depth > 0) {
    const cell = stack[depth - 1];
    let count = 0;
    for (const action of ACTIONS) {
      const other = neighbour(width, height, cell, action);
      if (other >= 0 && !visited[other]) options4[count++] = action;
    }
    if (count === 0) {
      depth--;
      continue;
    }
    const action = options4[rng.nextInt(count)] as Action;
    setWall(walls, width, cell, action, false);
    const other = cell + DX[action] + DY[action] * width;
    visited[other] = 1;
    stack[depth++] = other;
  }
  if (loops > 0) openLoops(walls, width, height, loops, Rng.derive(seed, "maze/loops"));
  const goal = farthest(bfsDistances({ width, height, walls }, start)).cell;
  return makeWorld({ kind: "maze", width, height, walls, start, goal, seed });
}

/** Opens round(loops · n) of the n standing interior walls, chosen by a seeded shuffle. */
function openLoops(walls: Uint8Array, width: number, height: number, loops: number, rng: Rng): void {
  const standing: number[] = []; // cell·2 + (0: east wall, 1: south wall)
  for (let cell = 0; cell < walls.length; cell++) {
    if (cell % width < width - 1 && walls[cell] & 2) standing.push(cell * 2);
    if (Math.floor(cell / width) < height - 1 && walls[cell] & 4) standing.push(cell * 2 + 1);
  }
  const open = Math.round(loops * standing.length);
  shuffleFirst(standing, open, rng);
  for (let k = 0; k < open; k++) setWall(walls, width, standing[k] >> 1, standing[k] & 1 ? 2 : 1, false);
}

/** Partial Fisher–Yates: puts a uniform draw of k distinct entries, in draw order, at the front of `items`. */
function shuffleFirst(items: { [index: number]: number; readonly length: number }, k: number, rng: Rng): void {
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(items.length - i);
    const chosen = items[j];
    items[j] = items[i];
    items[i] = chosen;
  }
}

export interface FieldOptions {
  readonly width: number;
  readonly height: number;
  readonly seed: number;
  /** Share in [0, 0.6] of the cells (the start excepted) drawn as obstacles. Default 0.2. */
  readonly obstacleDensity?: number;
  /** Least BFS distance from start to goal; default ⌈(width + height − 2)/2⌉, half the corner-to-corner distance. */
  readonly minGoalDistance?: number;
  /** Draws tried before giving up with a RangeError; default 64. */
  readonly attempts?: number;
}

/**
 * An open field with obstacles: round(density · (cells − 1)) obstacle cells drawn uniformly
 * (partial Fisher–Yates) among all but the start corner. Free cells the start cannot reach are
 * filled as obstacles too, so every free cell is reachable. The goal is the reachable cell
 * farthest from the start by BFS; when that is nearer than `minGoalDistance`, the field is
 * drawn again from the next attempt's stream (`field/attempt k`).
 */
export function generateField(options: FieldOptions): GridWorld {
  const { width, height, seed } = options;
  const density = options.obstacleDensity ?? 0.2;
  checkSize(width, height);
  if (!(density >= 0 && density <= 0.6)) throw new RangeError(`obstacleDensity must lie in [0, 0.6], got ${density}`);
  const cells = width * height;
  const minGoalDistance = options.minGoalDistance ?? Math.ceil((width + height - 2) / 2);
  const attempts = options.attempts ?? 64;
  const start = cornerCell(width, height, Rng.derive(seed, "field/start"));
  const order = new Int32Array(cells - 1);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const rng = Rng.derive(seed, `field/attempt ${attempt}`);
    for (let cell = 0, k = 0; cell < cells; cell++) if (cell !== start) order[k++] = cell;
    const obstacles = Math.round(density * (cells - 1));
    const blocked = new Uint8Array(cells);
    shuffleFirst(order, obstacles, rng);
    for (let k = 0; k < obstacles; k++) blocked[order[k]] = 1;
    const walls = fieldWalls(width, height, blocked);
    const distance = bfsDistances({ width, height, walls }, start);
    for (let cell = 0; cell < cells; cell++) if (distance[cell] < 0) blocked[cell] = 1;
    const far = farthest(distance);
    if (far.distance < minGoalDistance) continue;
    return makeWorld({ kind: "field", width, height, walls: fieldWalls(width, height, blocked), blocked, start, goal: far.cell, seed });
  }
  throw new RangeError(`no field of ${width}×${height} at obstacle density ${density} put the goal ${minGoalDistance} moves away in ${attempts} draws`);
}

/** Walls of a field: the border, and all sides of every obstacle (on both sides of each wall). */
function fieldWalls(width: number, height: number, blocked: Uint8Array): Uint8Array {
  const walls = borderWalls(width, height);
  for (let cell = 0; cell < walls.length; cell++) {
    if (!blocked[cell]) continue;
    for (const action of ACTIONS) {
      if (neighbour(width, height, cell, action) >= 0) setWall(walls, width, cell, action, true);
    }
  }
  return walls;
}

/**
 * What an agent sees of a cell, from least to most informed (each is a function of the next):
 * - "walls": the 4-bit pattern of blocked moves around the cell, 16 ids. Every cell with the same
 *   walls looks the same (extreme aliasing: all straight east–west corridor cells are one id).
 * - "walls+goal-direction": the walls and the compass sign of the goal, (sign(dx), sign(dy)) with
 *   dx, dy the goal's offset: 9 directions (one only at the goal itself), 144 ids.
 * - "cell": the cell's identity, as informative as a place cell; width·height ids.
 */
export type ObservationMode = "walls" | "walls+goal-direction" | "cell";
export const OBSERVATION_MODES: readonly ObservationMode[] = ["walls", "walls+goal-direction", "cell"];

/** How many distinct observation ids the mode can show in this world. */
export function observationCount(world: GridWorld, mode: ObservationMode): number {
  switch (mode) {
    case "walls": return 16;
    case "walls+goal-direction": return 16 * 9;
    case "cell": return world.width * world.height;
  }
}

/** The observation id of `cell` under `mode`, in [0, observationCount(world, mode)). */
export function observe(world: GridWorld, mode: ObservationMode, cell: number): number {
  switch (mode) {
    case "walls": return world.walls[cell];
    case "walls+goal-direction": {
      const { width, goal } = world;
      const sx = Math.sign((goal % width) - (cell % width)) + 1;
      const sy = Math.sign(Math.floor(goal / width) - Math.floor(cell / width)) + 1;
      return world.walls[cell] * 9 + sy * 3 + sx;
    }
    case "cell": return cell;
  }
}

/** Every cell's observation id under `mode`, computed once so an episode only reads an array. */
export function observationTable(world: GridWorld, mode: ObservationMode): Int32Array {
  const table = new Int32Array(world.width * world.height);
  for (let cell = 0; cell < table.length; cell++) table[cell] = observe(world, mode, cell);
  return table;
}

/** The JSON form of a world: rows of hex wall digits and of obstacle marks ('#' obstacle, '.' free). */
export interface GridWorldJson {
  readonly format: "tripart.grid-world/1";
  readonly kind: WorldKind;
  readonly width: number;
  readonly height: number;
  readonly seed: number;
  readonly start: number;
  readonly goal: number;
  readonly shortestPath: number;
  readonly reachableCells: number;
  /** One string per row, one hex digit per cell: the wall bits (1 N, 2 E, 4 S, 8 W). */
  readonly walls: readonly string[];
  readonly blocked: readonly string[];
}

export function worldToJson(world: GridWorld): GridWorldJson {
  const rows = (digit: (cell: number) => string): string[] =>
    Array.from({ length: world.height }, (_, y) =>
      Array.from({ length: world.width }, (_, x) => digit(y * world.width + x)).join(""));
  return {
    format: "tripart.grid-world/1", kind: world.kind, width: world.width, height: world.height, seed: world.seed,
    start: world.start, goal: world.goal, shortestPath: world.shortestPath, reachableCells: world.reachableCells,
    walls: rows((cell) => world.walls[cell].toString(16)),
    blocked: rows((cell) => (world.blocked[cell] ? "#" : ".")),
  };
}

/** Reads the JSON form back, with every check of `makeWorld`; throws RangeError on a bad document. */
export function worldFromJson(json: GridWorldJson): GridWorld {
  if (json.format !== "tripart.grid-world/1") throw new RangeError(`format '${String(json.format)}' is not tripart.grid-world/1`);
  const digits = (rows: readonly string[], name: string, parse: (ch: string) => number): number[] => {
    if (rows.length !== json.height || rows.some((row) => row.length !== json.width)) {
      throw new RangeError(`${name} must be ${json.height} rows of ${json.width} characters`);
    }
    return rows.flatMap((row) => Array.from(row, (ch) => {
      const value = parse(ch);
      if (Number.isNaN(value)) throw new RangeError(`${name} holds '${ch}'`);
      return value;
    }));
  };
  const world = makeWorld({
    kind: json.kind, width: json.width, height: json.height, start: json.start, goal: json.goal, seed: json.seed,
    walls: digits(json.walls, "walls", (ch) => (/^[0-9a-f]$/.test(ch) ? parseInt(ch, 16) : NaN)),
    blocked: digits(json.blocked, "blocked", (ch) => (ch === "#" ? 1 : ch === "." ? 0 : NaN)),
  });
  if (world.shortestPath !== json.shortestPath) throw new RangeError(`shortestPath ${json.shortestPath} disagrees with BFS (${world.shortestPath})`);
  return world;
}

/**
 * A text picture of the world, for reports and failing tests: '+' corners, '-' and '|' walls,
 * 'S' start, 'G' goal, '#' obstacle, ' ' free; each cell is one character between wall columns.
 */
export function renderWorld(world: GridWorld): string {
  const { width, height, walls } = world;
  const lines: string[] = [];
  for (let y = 0; y < height; y++) {
    let top = "+", middle = "|";
    for (let x = 0; x < width; x++) {
      const cell = y * width + x;
      top += (walls[cell] & 1 ? "-" : " ") + "+";
      middle += (cell === world.start ? "S" : cell === world.goal ? "G" : world.blocked[cell] ? "#" : " ") + (walls[cell] & 2 ? "|" : " ");
    }
    lines.push(top, middle);
  }
  lines.push("+" + "-+".repeat(width));
  return lines.join("\n");
}
