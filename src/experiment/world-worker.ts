/**
 * The entry of a world-run worker thread (./world-pool.ts): plays each WorldTask it is sent with
 * ./world-run.ts and posts back its outcome, or the error that ended it as plain data. Holds no
 * state between tasks; never prints or exits (the pool terminates it).
 */
import { parentPort } from "node:worker_threads";
import { runWorld, type WorldTask } from "./world-run.js";
import { SnanNetworkError } from "./snan-engine.js";
import type { WorkerReply } from "./world-pool.js";

const port = parentPort;
if (port === null) throw new Error("world-worker.js runs as a worker thread only (see world-pool.ts)");

port.on("message", ({ index, task }: { readonly index: number; readonly task: WorldTask }) => {
  let reply: WorkerReply;
  try {
    reply = { index, outcome: runWorld(task) };
  } catch (error) {
    reply = {
      index,
      error: error instanceof SnanNetworkError
        ? { kind: "network", message: error.message, diagnostics: error.diagnostics }
        : { kind: error instanceof RangeError ? "range" : "other", message: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack !== undefined && { stack: error.stack }) },
    };
  }
  port.postMessage(reply);
});
