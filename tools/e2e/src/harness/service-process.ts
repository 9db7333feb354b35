import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `tools/e2e/dist/harness/service-process.js`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The services the e2e tests run as processes, and the log line that says each is ready. */
export const SERVICES = {
  'market-feed': 'market-feed: started',
  'order-executor': 'order-executor taking commands',
  'position-actor': 'position-actor started',
  'risk-guard': 'risk-guard started',
  'dashboard-gateway': 'dashboard-gateway listening',
} as const;
export type ServiceName = keyof typeof SERVICES;

/** One service as a child process (`node services/<name>/dist/main.js`). */
export class ServiceProcess {
  readonly #child: ChildProcess;
  readonly #log: WriteStream;
  #output = '';
  #exit: Promise<number | string | null>;
  exited = false;

  private constructor(
    readonly name: string,
    service: ServiceName,
    env: NodeJS.ProcessEnv,
    logFile: string,
  ) {
    this.#log = createWriteStream(logFile, { flags: 'a' });
    this.#log.write(`\n===== ${name} start ${new Date().toISOString()} =====\n`);
    this.#child = spawn(
      process.execPath,
      ['--enable-source-maps', join(REPO_ROOT, 'services', service, 'dist', 'main.js')],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.#output += text;
      this.#log.write(text.replace(/^(?=.)/gm, `[${name}] `));
    };
    this.#child.stdout?.on('data', onData);
    this.#child.stderr?.on('data', onData);
    this.#exit = new Promise((resolveExit) =>
      this.#child.once('exit', (code, signal) => {
        this.exited = true;
        this.#log.write(`===== ${name} exit ${String(code ?? signal)} =====\n`);
        resolveExit(code ?? signal);
      }),
    );
  }

  /** Spawns the service and waits for its ready line (or fails with its output). */
  static async start(
    name: string,
    service: ServiceName,
    env: NodeJS.ProcessEnv,
    logFile: string,
    timeoutMs = 20_000,
  ): Promise<ServiceProcess> {
    const p = new ServiceProcess(name, service, env, logFile);
    const deadline = Date.now() + timeoutMs;
    while (!p.#output.includes(SERVICES[service])) {
      if (p.exited || Date.now() > deadline) {
        await p.kill9();
        throw new Error(`${name} did not start:\n${p.#output.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return p;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Everything the process wrote so far. */
  get output(): string {
    return this.#output;
  }

  /** The JSON log records (`jsonLineSink`) written so far; other lines are skipped. */
  records(): Array<Record<string, unknown>> {
    return this.#output.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** `kill -9`: no drain, no cleanup. Resolves when the process is gone. */
  async kill9(): Promise<void> {
    if (!this.exited && this.#child.pid !== undefined) process.kill(this.#child.pid, 'SIGKILL');
    await this.#exit;
  }

  /** SIGTERM (drain), then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.exited) {
      this.#child.kill('SIGTERM');
      const timer = setTimeout(() => void this.kill9(), graceMs);
      await this.#exit;
      clearTimeout(timer);
    }
    await new Promise<void>((r) => this.#log.end(r));
  }
}
