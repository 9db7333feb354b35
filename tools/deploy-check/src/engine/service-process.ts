import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { OpsService } from '@hoga/contracts';
import { repoRoot } from '../deploy-paths.js';

/** The log line that says each service is up (as the e2e harness waits for them). */
const READY: Record<OpsService, string> = {
  'market-feed': 'market-feed: started',
  'order-executor': 'order-executor taking commands',
  'position-actor': 'position-actor started',
  'risk-guard': 'risk-guard started',
  'dashboard-gateway': 'dashboard-gateway listening',
};

/** One service as its own process (`node services/<name>/dist/main.js`), its output kept. */
export class ServiceProcess {
  #output = '';
  readonly #exited: Promise<void>;

  private constructor(
    readonly service: OpsService,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) =>
      void (this.#output = `${this.#output}${chunk.toString('utf8')}`.slice(-500_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get output(): string {
    return this.#output;
  }

  /** Spawns the service and waits for its ready line; fails with its output if it exits or hangs. */
  static async start(service: OpsService, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(repoRoot, 'services', service, 'dist', 'main.js')],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const p = new ServiceProcess(service, child);
    const deadline = Date.now() + 30_000;
    let gone = false;
    void p.#exited.then(() => (gone = true));
    while (!p.#output.includes(READY[service])) {
      if (gone || Date.now() > deadline) {
        await p.stop();
        throw new Error(`${service} did not start:\n${p.#output.slice(-5_000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return p;
  }

  /** SIGTERM (the service drains), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.#exited;
    clearTimeout(timer);
  }
}
