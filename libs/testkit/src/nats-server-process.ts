import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A free loopback port chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Whether something accepts TCP connections on a loopback port now. */
export const acceptsConnections = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export interface NatsServerProcessOptions {
  /** The loopback port the arguments make it listen on (waited for before returning). */
  readonly port: number;
  readonly args: readonly string[];
  /** `nats-server` path: this, else `NATS_SERVER_BIN`, else `nats-server` on the PATH. */
  readonly binary?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly startTimeoutMs?: number;
}

/** A `nats-server` child process of a test. */
export interface NatsServerProcess {
  readonly port: number;
  readonly url: string;
  /** What the server wrote (stdout and stderr, the last megabyte). */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

/** Starts `nats-server` with `args` and waits (10 s by default) until it accepts connections. */
export async function startNatsServerProcess(
  options: NatsServerProcessOptions,
): Promise<NatsServerProcess> {
  const binary = options.binary ?? process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  const child = spawn(binary, [...options.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let log = '';
  const collect = (chunk: Buffer) =>
    void (log = `${log}${chunk.toString('utf8')}`.slice(-1_000_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => ((exited = true), resolve()));
    child.once(
      'error',
      (error) => ((exited = true), collect(Buffer.from(String(error))), resolve()),
    );
  });
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!(await acceptsConnections(options.port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(
        `${binary} did not start on port ${options.port}: ${log.trim().slice(-2_000) || 'no output'}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port: options.port, url: `nats://127.0.0.1:${options.port}`, output: () => log, stop };
}
