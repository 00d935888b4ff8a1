/**
 * The CLI's window on the world: output streams, colour and TTY state, progress bars.
 * Tests pass a memory implementation; bin/tripart.js passes nodeIo().
 */
import cliProgress from "cli-progress";

export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

export interface CliIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  readonly color: boolean;
  readonly isTTY: boolean;
  readonly cwd: string;
  /** A progress bar on stderr; a no-op when stderr is not a terminal. */
  progress(label: string): ProgressBar;
}

const SILENT_BAR: ProgressBar = { update() {}, stop() {} };

export function nodeIo(): CliIo {
  const isTTY = process.stderr.isTTY === true;
  const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  return {
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
    color,
    isTTY,
    cwd: process.cwd(),
    progress(label) {
      if (!isTTY) return SILENT_BAR;
      const bar = new cliProgress.SingleBar(
        { format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      return {
        update(done, total) {
          if (!started) {
            bar.start(total, done);
            started = true;
          } else bar.update(done);
        },
        stop() {
          if (started) bar.stop();
        },
      };
    },
  };
}

/** An in-memory CliIo for tests. */
export function memoryIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    color: false,
    isTTY: false,
    cwd,
    writeOut(text: string) {
      io.out += text;
    },
    writeErr(text: string) {
      io.err += text;
    },
    progress: () => SILENT_BAR,
  };
  return io;
}
