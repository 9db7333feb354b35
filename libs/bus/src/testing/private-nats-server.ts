import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNatsServerProcess, type NatsServerProcess } from '@hoga/testkit';

/** A `nats-server -js` of its own on a random loopback port, for tests that restart the server. */
export interface PrivateNatsServer {
  readonly url: string;
  /** Stops the server (SIGTERM) and starts it again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server and removes its store. */
  dispose(): Promise<void>;
}

/** Starts `nats-server` (from `NATS_SERVER_BIN` or the PATH) with JetStream in a temporary store. */
export async function startPrivateNatsServer(): Promise<PrivateNatsServer> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'hoga-nats-'));
  const start = (): Promise<NatsServerProcess> =>
    startNatsServerProcess({
      port,
      args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store],
    });
  let server = await start();
  return {
    url: server.url,
    async restart() {
      await server.stop();
      server = await start();
    },
    async dispose() {
      await server.stop();
      rmSync(store, { recursive: true, force: true });
    },
  };
}
