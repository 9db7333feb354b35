import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineCommand, EngineReport } from './dashboard-engine.js';

/** The engine's side of the dashboard bench in a child process (`dashboard-engine.ts`), over IPC. */
export class EngineProcess {
  readonly #child: ChildProcess;
  readonly #waiting: ((r: EngineReport) => void)[] = [];

  constructor() {
    const here = dirname(fileURLToPath(import.meta.url));
    this.#child = fork(join(here, 'dashboard-engine.js'), [], { stdio: 'inherit' });
    this.#child.on('message', (r: EngineReport) => this.#waiting.shift()?.(r));
    this.#child.on('exit', (code) => {
      for (const waiting of this.#waiting.splice(0))
        waiting({ op: 'failed', message: `the engine process exited (${String(code)})` });
    });
  }

  async ask<K extends EngineReport['op']>(
    command: EngineCommand,
    expected: K,
  ): Promise<Extract<EngineReport, { op: K }>> {
    const report = await new Promise<EngineReport>((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send(command);
    });
    if (report.op !== expected) throw new Error(`engine: ${JSON.stringify(report)}`);
    return report as Extract<EngineReport, { op: K }>;
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}
