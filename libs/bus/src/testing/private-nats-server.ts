import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@hoga/testkit';

/** A `nats-server -js` of its own on a random loopback port, for tests that restart the server. */
export interface PrivateNatsServer {
  readonly url: string;
  /** Stops the server (SIGTERM) and starts it again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server and removes its store. */
  dispose(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/** Starts `nats-server` (from `NATS_SERVER_BIN` or the PATH) with JetStream in a temporary store. */
export async function startPrivateNatsServer(): Promise<PrivateNatsServer> {
  const binary = process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'hoga-nats-'));
  const start = async (): Promise<ChildProcess> => {
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
      stdio: 'ignore',
    });
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${binary} exited with ${child.exitCode}`);
      if (!(await accepts(port))) throw new Error(`${binary} is not listening on ${port} yet`);
    }, 10_000);
    return child;
  };
  const stop = async (child: ChildProcess): Promise<void> => {
    child.kill('SIGTERM');
    await exited(child);
  };
  let child = await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    async restart() {
      await stop(child);
      child = await start();
    },
    async dispose() {
      await stop(child);
      rmSync(store, { recursive: true, force: true });
    },
  };
}
