/**
 * Runs world tasks (./world-run.ts) in a pool of worker threads (./world-worker.ts, the compiled
 * module next to this one) and returns their outcomes in task order, whatever order they finish
 * in. Each task's outcome depends on the task alone, so the result equals a run on one thread.
 * A task's error ends the pool: every worker is terminated and the error rethrown as it was
 * (SnanNetworkError with its diagnostics, RangeError, or Error).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../ir/diagnostics.js";
import { SnanNetworkError } from "./snan-engine.js";
import type { WorldOutcome, WorldTask } from "./world-run.js";

/** The worker module: the compiled world-worker.js beside this file. */
export const WORLD_WORKER = new URL("./world-worker.js", import.meta.url);

/** A worker's answer to task `index`: its outcome or its error as plain data. */
export type WorkerReply =
  | { readonly index: number; readonly outcome: WorldOutcome; readonly error?: never }
  | {
    readonly index: number;
    readonly outcome?: never;
    readonly error: { readonly kind: "network" | "range" | "other"; readonly message: string; readonly diagnostics?: readonly Diagnostic[]; readonly stack?: string };
  };

/** Whether the worker module is there (the compiled package), so that more than one job can run. */
export const worldWorkerAvailable = (): boolean => existsSync(fileURLToPath(WORLD_WORKER));

/** Thrown when the worker module is missing, e.g. when the sources run untranspiled (vitest): use jobs 1 there. */
export class WorkerMissingError extends Error {}

function rebuild(error: NonNullable<WorkerReply["error"]>): Error {
  if (error.kind === "network") return new SnanNetworkError(error.diagnostics ?? []);
  if (error.kind === "range") return new RangeError(error.message);
  const rebuilt = new Error(error.message);
  if (error.stack !== undefined) rebuilt.stack = error.stack;
  return rebuilt;
}

/**
 * Runs `tasks` on `jobs` worker threads (at most one per task), handing out the tasks in `order`
 * (indices into tasks, e.g. the costliest first); calls `onDone(index)` as each task finishes.
 * Aborting `signal` terminates the workers and rejects.
 */
export function runWorldsInPool(
  tasks: readonly WorldTask[],
  jobs: number,
  order: readonly number[],
  onDone: (index: number) => void,
  signal?: AbortSignal,
): Promise<WorldOutcome[]> {
  const file = fileURLToPath(WORLD_WORKER);
  if (!worldWorkerAvailable()) {
    return Promise.reject(new WorkerMissingError(`The world worker ${file} does not exist: parallel worlds need the compiled package (npm run build); run with jobs 1 from the sources.`));
  }
  const outcomes: (WorldOutcome | undefined)[] = tasks.map(() => undefined);
  if (tasks.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const retired = new Set<Worker>(); // terminated on purpose: no task left for it
    let next = 0;
    let finished = 0;
    let failed = false;
    const stop = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    signal?.addEventListener("abort", () => stop(new Error("the world runs were aborted")), { once: true });
    const give = (worker: Worker): void => {
      if (next < order.length) {
        const index = order[next++];
        worker.postMessage({ index, task: tasks[index] });
      } else {
        retired.add(worker);
        void worker.terminate();
      }
    };
    for (let j = 0; j < Math.min(jobs, tasks.length); j++) {
      const worker = new Worker(WORLD_WORKER);
      workers.push(worker);
      worker.on("message", (reply: WorkerReply) => {
        if (failed) return;
        if (reply.error !== undefined) return stop(rebuild(reply.error));
        outcomes[reply.index] = reply.outcome;
        finished++;
        onDone(reply.index);
        if (finished === tasks.length) {
          for (const w of workers) retired.add(w);
          for (const w of workers) void w.terminate();
          resolve(outcomes as WorldOutcome[]);
          return;
        }
        give(worker);
      });
      worker.on("error", (error) => stop(error));
      worker.on("exit", (code) => {
        if (!retired.has(worker) && code !== 0) stop(new Error(`a world worker exited with code ${code}`));
      });
      give(worker);
    }
  });
}
