/**
 * The semantic checks of a target's mesh and board (TP2180, TP2181) that the schema cannot make:
 * the tiles must hold exactly the chip's cores and the board's grid exactly its chips. Run by
 * the target loader after the schema; a target without a mesh or board passes untouched.
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule } from "./load.js";

export const MESH_RULES: readonly TargetRule[] = [
  {
    name: "mesh-holds-the-cores",
    check(target, report) {
      const mesh = target.chip.mesh;
      if (mesh === undefined) return;
      const held = mesh.columns * mesh.rows * mesh.coresPerTile;
      if (held !== target.chip.cores) report("TP2180", pointer("chip", "mesh"), { ...mesh, held, cores: target.chip.cores });
    },
  },
  {
    name: "board-holds-the-chips",
    check(target, report) {
      const board = target.board;
      if (board === undefined) return;
      const held = board.columns * board.rows;
      if (held !== board.chips) report("TP2181", pointer("board"), { ...board, held });
    },
  },
];
