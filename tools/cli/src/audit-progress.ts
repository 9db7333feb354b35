import { renderProgressBar } from './render/audit-progress.js';

/** What the progress display writes to: stderr, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * The TTY switch: on a terminal, a writer that redraws one line (carriage return, erase line;
 * null erases it); elsewhere (a pipe, a file) none, so logs and scripts never get `\r` noise.
 */
export function terminalProgress(
  stream: ProgressStream,
): ((text: string | null) => void) | undefined {
  if (stream.isTTY !== true) return undefined;
  return (text) => stream.write(text === null ? '\r\x1b[2K' : `\r\x1b[2K${text}`);
}

/** Least time between two redraws of the bar. */
const REDRAW_MS = 100;

/**
 * A long audit's progress bar: each stage (events read, exchange orders compared) counts from
 * its own start; redrawn at most every 100 ms (and on the last step), through `draw` (a no-op
 * off a terminal).
 */
export class ProgressBar {
  #label = '';
  #unit = '';
  #started = 0;
  #drawn = -Infinity;

  constructor(
    private readonly draw: (text: string | null) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts counting a new stage. */
  stage(label: string, unit: string): void {
    this.#label = label;
    this.#unit = unit;
    this.#started = this.now();
    this.#drawn = -Infinity;
  }

  /** `done` of `total` (0: unknown) so far. */
  update(done: number, total: number): void {
    const at = this.now();
    if (at - this.#drawn < REDRAW_MS && done < total) return;
    this.#drawn = at;
    this.draw(
      renderProgressBar(this.#label, {
        unit: this.#unit,
        done,
        total,
        elapsedMs: at - this.#started,
      }),
    );
  }

  /** Erases the line. */
  clear(): void {
    this.draw(null);
  }
}
