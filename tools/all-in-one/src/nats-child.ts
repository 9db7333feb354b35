import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

/** A `nats-server` run by the engine. */
export interface NatsChild {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The `nats-server` binary: `HOGA_NATS_SERVER` (a path, or `off` for the in-process bus), else
 * PATH, /usr/sbin, /usr/local/sbin; undefined when there is none.
 */
export function findNatsServer(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env['HOGA_NATS_SERVER'];
  if (chosen === 'off') return undefined;
  if (chosen !== undefined && chosen !== '') return chosen;
  const dirs = [...(env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs.filter((d) => d !== '')) {
    const path = join(dir, 'nats-server');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * Starts `nats-server -js` on loopback with its JetStream store in `storeDir`, in its own
 * process group (a terminal Ctrl-C reaches only the engine), and waits until it accepts
 * connections.
 */
export async function startNatsChild(
  binary: string,
  port: number,
  storeDir: string,
  log: (line: string) => void,
): Promise<NatsChild> {
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const onOutput = (chunk: Buffer) => log(chunk.toString('utf8').trim());
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', kill);
    if (exited) return;
    kill();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`nats-server did not start on port ${port} (see the engine log)`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `nats://127.0.0.1:${port}`, stop };
}
