import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

/** A loopback WebSocket server for client tests; records connections, requests and pings. */
export interface LocalWsServer {
  readonly url: string;
  /** Server side of every accepted connection, in order. */
  readonly sockets: WebSocket[];
  /** Upgrade request headers of every accepted connection. */
  readonly headers: IncomingHttpHeaders[];
  /** Text messages received (subscription requests), with the connection index. */
  readonly requests: { readonly connection: number; readonly text: string }[];
  /** Pings received. */
  pings: number;
  /** Sends a frame (binary by default) on the latest connection. */
  send(frame: unknown, binary?: boolean): void;
  /** Kills every open connection (as an admin "drop sockets" knob would). */
  dropAll(): void;
  close(): Promise<void>;
}

/** Options: `autoPong: false` makes the server silent to pings; `reject` refuses upgrades with a status. */
export async function startWsServer(
  options: { autoPong?: boolean; reject?: () => number | undefined } = {},
): Promise<LocalWsServer> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    autoPong: options.autoPong ?? true,
    verifyClient: (_info, done) => {
      const status = options.reject?.();
      if (status === undefined) done(true);
      else done(false, status);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const server: LocalWsServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets: [],
    headers: [],
    requests: [],
    pings: 0,
    send(frame, binary = true) {
      const ws = server.sockets[server.sockets.length - 1];
      const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
      ws?.send(binary ? Buffer.from(text, 'utf8') : text, { binary });
    },
    dropAll() {
      for (const ws of server.sockets) ws.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (ws, req) => {
    const index = server.sockets.push(ws) - 1;
    server.headers.push(req.headers);
    ws.on('message', (data) =>
      server.requests.push({
        connection: index,
        text: Buffer.from(data as Buffer).toString('utf8'),
      }),
    );
    ws.on('ping', () => (server.pings += 1));
  });
  return server;
}

/** Polls (real time) until `done()` holds: waits for I/O, never measures it. */
export async function eventually(done: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!done()) throw new Error(`${what} never held`);
}
