// Grid worlds: seeded generators, wall consistency, BFS on hand-made worlds, observation ids, JSON.
import { describe, expect, it } from "vitest";
import { ACTIONS, type Action } from "../../src/experiment/agent.js";
import { corridor } from "./fixtures.js";
import {
  bfsDistances, borderWalls, generateField, generateMaze, makeWorld, move, neighbour, observationCount, observationTable,
  OBSERVATION_MODES, renderWorld, setWall, worldFromJson, worldToJson, type GridWorld,
} from "../../src/experiment/grid-world.js";

const N = 0, E = 1, W = 3;

/** Independent check: every wall bit agrees with the neighbour's opposite bit, the border is closed. */
function checkWalls(world: GridWorld): void {
  const { width, height, walls } = world;
  for (let cell = 0; cell < width * height; cell++) {
    for (const action of ACTIONS) {
      const other = neighbour(width, height, cell, action);
      const bit = (walls[cell] >> action) & 1;
      if (other < 0) expect(bit).toBe(1);
      else expect(bit, `cell ${cell} action ${action}`).toBe((walls[other] >> ((action + 2) % 4)) & 1);
    }
  }
}

const openPassages = (world: GridWorld): number => {
  let open = 0;
  for (let cell = 0; cell < world.walls.length; cell++) for (const a of ACTIONS) if (!((world.walls[cell] >> a) & 1)) open++;
  return open / 2;
};

const corners = (world: GridWorld) => [0, world.width - 1, (world.height - 1) * world.width, world.width * world.height - 1];

describe("hand-made worlds", () => {
  it("a corridor: walls N|S inside, closed ends, shortest path 4", () => {
    const world = corridor();
    expect(Array.from(world.walls)).toEqual([13, 5, 5, 5, 7]);
    expect(world.shortestPath).toBe(4);
    expect(world.reachableCells).toBe(5);
    expect(move(world, 0, W)).toEqual({ cell: 0, bumped: true });
    expect(move(world, 0, E)).toEqual({ cell: 1, bumped: false });
    expect(move(world, 2, N)).toEqual({ cell: 2, bumped: true });
  });

  it("a 3×3 serpentine: BFS goes around two walls", () => {
    // walls between columns 0|1 in rows 0, 1 and between columns 1|2 in rows 1, 2:
    // 0 → 3 → 6 → 7 → 4 → 1 → 2 → 5 → 8
    const walls = borderWalls(3, 3);
    setWall(walls, 3, 0, E, true);
    setWall(walls, 3, 3, E, true);
    setWall(walls, 3, 4, E, true);
    setWall(walls, 3, 7, E, true);
    const world = makeWorld({ kind: "maze", width: 3, height: 3, walls, start: 0, goal: 2 });
    expect(world.shortestPath).toBe(6);
    expect(Array.from(bfsDistances(world, 0))).toEqual([0, 5, 6, 1, 4, 7, 2, 3, 8]);
    expect(renderWorld(world)).toBe([
      "+-+-+-+",
      "|S|  G|",
      "+ + + +",
      "| | | |",
      "+ + + +",
      "|   | |",
      "+-+-+-+",
    ].join("\n"));
  });

  it("refuses one-sided walls, open borders, unreachable goals and open obstacles", () => {
    const oneSided = borderWalls(3, 1);
    oneSided[0] |= 1 << E;
    expect(() => makeWorld({ kind: "maze", width: 3, height: 1, walls: oneSided, start: 0, goal: 2 })).toThrow(/one side only/);
    const openBorder = borderWalls(3, 1);
    openBorder[2] &= ~(1 << E);
    expect(() => makeWorld({ kind: "maze", width: 3, height: 1, walls: openBorder, start: 0, goal: 2 })).toThrow(/border/);
    const cut = borderWalls(3, 1);
    setWall(cut, 3, 1, E, true);
    expect(() => makeWorld({ kind: "maze", width: 3, height: 1, walls: cut, start: 0, goal: 2 })).toThrow(/cannot be reached/);
    expect(() => makeWorld({ kind: "field", width: 3, height: 1, walls: borderWalls(3, 1), blocked: [0, 1, 0], start: 0, goal: 2 }))
      .toThrow(/not closed/);
  });
});

describe("generateMaze", () => {
  const sizes = [[5, 5], [10, 10], [7, 13], [30, 30], [40, 40]] as const;

  it.each(sizes)("%i×%i: perfect (a spanning tree), consistent, solvable, goal farthest from a corner start", (width, height) => {
    for (let seed = 1; seed <= 5; seed++) {
      const world = generateMaze({ width, height, seed });
      checkWalls(world);
      const cells = width * height;
      expect(openPassages(world)).toBe(cells - 1);
      expect(world.reachableCells).toBe(cells);
      expect(corners(world)).toContain(world.start);
      const distance = bfsDistances(world, world.start);
      expect(world.shortestPath).toBe(distance[world.goal]);
      expect(world.shortestPath).toBe(Math.max(...distance));
      expect(world.shortestPath).toBeGreaterThanOrEqual(width + height - 2);
    }
  });

  it("is deterministic by seed and differs between seeds", () => {
    const a = worldToJson(generateMaze({ width: 10, height: 10, seed: 42 }));
    expect(worldToJson(generateMaze({ width: 10, height: 10, seed: 42 }))).toEqual(a);
    expect(worldToJson(generateMaze({ width: 10, height: 10, seed: 43 })).walls).not.toEqual(a.walls);
  });

  it("loops opens the given share of the standing interior walls", () => {
    const interior = 10 * 9 * 2; // 180 interior walls in a 10×10 grid
    const perfect = generateMaze({ width: 10, height: 10, seed: 3 });
    const standing = interior - openPassages(perfect); // 180 − 99 = 81
    expect(standing).toBe(81);
    const looped = generateMaze({ width: 10, height: 10, seed: 3, loops: 0.2 });
    checkWalls(looped);
    expect(openPassages(looped)).toBe(99 + Math.round(0.2 * 81));
    expect(openPassages(generateMaze({ width: 10, height: 10, seed: 3, loops: 1 }))).toBe(interior);
    expect(() => generateMaze({ width: 10, height: 10, seed: 3, loops: 1.5 })).toThrow(RangeError);
  });
});

describe("generateField", () => {
  it.each([[5, 5, 0.2], [10, 10, 0.3], [30, 30, 0.35], [12, 6, 0]] as const)("%i×%i at density %f: consistent, every free cell reachable, goal far", (width, height, density) => {
    for (let seed = 1; seed <= 5; seed++) {
      const world = generateField({ width, height, seed, obstacleDensity: density });
      checkWalls(world);
      const cells = width * height;
      let free = 0, obstacles = 0;
      for (let cell = 0; cell < cells; cell++) {
        if (world.blocked[cell]) {
          obstacles++;
          expect(world.walls[cell]).toBe(15);
        } else free++;
      }
      expect(obstacles).toBeGreaterThanOrEqual(Math.round(density * (cells - 1))); // pockets are filled on top
      expect(world.reachableCells).toBe(free);
      expect(corners(world)).toContain(world.start);
      const distance = bfsDistances(world, world.start);
      expect(world.shortestPath).toBe(Math.max(...distance));
      expect(world.shortestPath).toBeGreaterThanOrEqual(Math.ceil((width + height - 2) / 2));
    }
  });

  it("is deterministic by seed", () => {
    const a = worldToJson(generateField({ width: 12, height: 12, seed: 9, obstacleDensity: 0.3 }));
    expect(worldToJson(generateField({ width: 12, height: 12, seed: 9, obstacleDensity: 0.3 }))).toEqual(a);
    expect(worldToJson(generateField({ width: 12, height: 12, seed: 10, obstacleDensity: 0.3 })).blocked).not.toEqual(a.blocked);
  });

  it("gives up with a RangeError when no draw can put the goal far enough", () => {
    // 25 cells hold no path of 25 moves
    expect(() => generateField({ width: 5, height: 5, seed: 1, minGoalDistance: 25 })).toThrow(/no field/);
  });
});

describe("observations", () => {
  it("ids lie in [0, observationCount) for every mode", () => {
    const worlds = [generateMaze({ width: 9, height: 7, seed: 5, loops: 0.3 }), generateField({ width: 11, height: 8, seed: 5 })];
    for (const world of worlds) {
      for (const mode of OBSERVATION_MODES) {
        const count = observationCount(world, mode);
        for (const id of observationTable(world, mode)) {
          expect(id).toBeGreaterThanOrEqual(0);
          expect(id).toBeLessThan(count);
        }
      }
    }
  });

  it("alias as documented: corridor cells share one id under walls only", () => {
    const world = corridor(2); // goal in the middle
    expect(Array.from(observationTable(world, "walls"))).toEqual([13, 5, 5, 5, 7]);
    // walls·9 + (sign dy + 1)·3 + (sign dx + 1): cell 1 sees the goal east, cell 3 west, cell 2 is the goal
    expect(Array.from(observationTable(world, "walls+goal-direction"))).toEqual([13 * 9 + 5, 50, 49, 48, 7 * 9 + 3]);
    expect(Array.from(observationTable(world, "cell"))).toEqual([0, 1, 2, 3, 4]);
    expect(observationCount(world, "cell")).toBe(5);
  });

  it("each mode is a function of the next more informed one", () => {
    // least to most informed: walls, walls+goal-direction, cell; a finer id never maps to two coarser ones
    const world = generateMaze({ width: 12, height: 12, seed: 8, loops: 0.1 });
    const tables = OBSERVATION_MODES.map((mode) => observationTable(world, mode));
    for (let k = 0; k + 1 < tables.length; k++) {
      const coarse = new Map<number, number>();
      tables[k + 1].forEach((fine, cell) => {
        expect(coarse.get(fine) ?? tables[k][cell]).toBe(tables[k][cell]);
        coarse.set(fine, tables[k][cell]);
      });
      expect(new Set(tables[k]).size).toBeLessThan(new Set(tables[k + 1]).size);
    }
  });
});

describe("JSON form", () => {
  it("round-trips through JSON text", () => {
    for (const world of [generateMaze({ width: 6, height: 4, seed: 2 }), generateField({ width: 7, height: 5, seed: 2, obstacleDensity: 0.25 })]) {
      const back = worldFromJson(JSON.parse(JSON.stringify(worldToJson(world))));
      expect(back).toEqual(world);
    }
  });

  it("refuses a document whose walls disagree between neighbours", () => {
    const json = worldToJson(corridor());
    expect(json.walls).toEqual(["d5557"]);
    expect(() => worldFromJson({ ...json, walls: ["d5d57"] })).toThrow(/one side only/);
    expect(() => worldFromJson({ ...json, shortestPath: 3 })).toThrow(/disagrees/);
  });
});

it("moves follow the action order north, east, south, west", () => {
  const world = makeWorld({ kind: "field", width: 3, height: 3, walls: borderWalls(3, 3), start: 4, goal: 0 });
  expect((ACTIONS as readonly Action[]).map((a) => move(world, 4, a).cell)).toEqual([1, 5, 7, 3]);
});
