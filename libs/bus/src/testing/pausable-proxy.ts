import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a NATS server, for tests of a slow or absent server: `hang()` stops
 * forwarding (the connection stays open, nothing is answered), `cut()` closes every connection
 * and refuses new ones, `restore()` forwards again.
 */
export interface PausableProxy {
  /** `nats://127.0.0.1:<port>` of the proxy. */
  readonly url: string;
  hang(): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

function pauseBoth(a: Socket, b: Socket): void {
  a.unpipe(b);
  b.unpipe(a);
  a.pause();
  b.pause();
}

function destroyBoth(a: Socket, b: Socket): void {
  a.destroy();
  b.destroy();
}

/** Starts a proxy to `target` (`nats://host:port`) on a free loopback port. */
export async function startPausableProxy(target: string): Promise<PausableProxy> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  let mode: 'open' | 'hung' | 'cut' = 'open';
  const server: Server = createServer((client) => {
    if (mode === 'cut') return void client.destroy();
    const upstream = connect({ host: hostname, port: Number(port) });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    if (mode === 'hung') pauseBoth(client, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no proxy port');
  return {
    url: `nats://127.0.0.1:${String(address.port)}`,
    hang() {
      mode = 'hung';
      for (const [a, b] of pairs) pauseBoth(a, b);
    },
    cut() {
      mode = 'cut';
      for (const [a, b] of pairs) destroyBoth(a, b);
      pairs.clear();
    },
    restore() {
      mode = 'open';
      for (const [a, b] of pairs) {
        a.pipe(b);
        b.pipe(a);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const [a, b] of pairs) destroyBoth(a, b);
        server.close(() => resolve());
      }),
  };
}
