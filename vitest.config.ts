import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    pool: "forks",
    // one test file per core: vitest's default (cores − 1) runs the suite one file at a time on 2 cores
    maxWorkers: availableParallelism(),
  },
});
