#!/usr/bin/env node
import { main } from "../dist/src/cli/main.js";
import { nodeIo } from "../dist/src/cli/io.js";

process.exitCode = await main(process.argv.slice(2), nodeIo());
