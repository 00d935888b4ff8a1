// The example recordings docs/diff.md shows, shared by the docs test.
import type { Recording } from "../../src/hw/recording.js";
import { population, recording, trace, train } from "./fixtures.js";

/** The pair docs/diff.md shows: a reference and an emulator run that differ a little. */
export function diffExample(): { a: Recording; b: Recording } {
  const steps = 1000;
  const v = Array.from({ length: steps }, (_, t) => -65 + (t % 100) * 0.1);
  const a = recording([
    population("exc", 4, train([[100, 0], [150, 1], [200, 2], [300, 3], [400, 0], [450, 1], [600, 2], [700, 0], [750, 1]]), [trace("v", [0], [v])]),
    population("inh", 2, train([[250, 0], [500, 0], [550, 1]])),
  ], { steps });
  const b = recording([
    population("exc", 4, train([[100, 0], [150, 1], [200, 2], [300, 3], [400, 0], [451, 1], [603, 2], [700, 0], [750, 1], [900, 3]]),
      [trace("v", [0], [v.map((x) => Math.round(x * 16) / 16)])]),
    population("inh", 2, train([[250, 0], [500, 0], [550, 1]])),
  ], { steps, source: "emulator" });
  return { a, b };
}

