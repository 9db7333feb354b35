/**
 * The clients of `npm run bench -- gateway`, in a child process so the gateway's CPU is measured
 * alone: live WebSockets subscribed to `positions`, each recording when the states of the sampled
 * versions arrive; on demand, one more client that subscribes and then never reads (stalled).
 * Talks to the parent over IPC (see {@link ClientCommand}).
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

/** What the parent asks. */
export type ClientCommand =
  | {
      readonly op: 'connect';
      readonly url: string;
      readonly origin: string;
      readonly cookies: readonly string[];
    }
  | { readonly op: 'record'; readonly sampleEvery: number }
  | { readonly op: 'report' }
  | { readonly op: 'stall'; readonly cookie: string }
  | { readonly op: 'close' };

/** What the child answers. */
export type ClientReport =
  | { readonly op: 'ready'; readonly clients: number }
  | {
      readonly op: 'samples';
      readonly versions: number[];
      readonly at: number[];
      readonly frames: number;
      /** CPU milliseconds the clients' process used while recording. */
      readonly cpuMs: number;
    }
  | { readonly op: 'stalled' }
  | { readonly op: 'closed'; readonly codes: number[] };

const wallNow = (): number => performance.timeOrigin + performance.now();
const VERSION = /"version":(\d+)/;

const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

const sockets: WebSocket[] = [];
const codes: number[] = [];
let sampleEvery = 0;
let versions: number[] = [];
let at: number[] = [];
let frames = 0;
let cpuFrom = process.cpuUsage();

const send = (report: ClientReport): void => void process.send?.(report);

function open(url: string, origin: string, cookie: string): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers: { cookie: `hoga_session=${cookie}` }, origin });
  socket.on('close', (code) => codes.push(code));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the socket got its `positions` snapshot. */
const subscribed = (socket: WebSocket): Promise<void> =>
  new Promise((resolve) => {
    const onFrame = (raw: Buffer) => {
      if (raw.toString('utf8', 0, 40).includes('"snapshot"')) {
        socket.off('message', onFrame);
        resolve();
      }
    };
    socket.on('message', onFrame);
    socket.send(JSON.stringify({ op: 'sub', ch: 'positions' }));
  });

process.on('message', (command: ClientCommand) => {
  void handle(command).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});

async function handle(command: ClientCommand): Promise<void> {
  switch (command.op) {
    case 'connect': {
      const opened = await Promise.all(
        command.cookies.map((c) => open(command.url, command.origin, c)),
      );
      await Promise.all(opened.map(subscribed));
      for (const socket of opened) {
        socket.on('message', (raw: Buffer) => {
          frames += 1;
          if (sampleEvery === 0) return;
          // The version alone (a browser would parse the whole frame: not the gateway's cost).
          const match = VERSION.exec(raw.toString('utf8'));
          const version = match === null ? -1 : Number(match[1]);
          if (version > 0 && version % sampleEvery === 0) {
            versions.push(version);
            at.push(wallNow());
          }
        });
        sockets.push(socket);
      }
      send({ op: 'ready', clients: sockets.length });
      return;
    }
    case 'record':
      sampleEvery = command.sampleEvery;
      versions = [];
      at = [];
      frames = 0;
      cpuFrom = process.cpuUsage();
      return;
    case 'report':
      sampleEvery = 0;
      send({ op: 'samples', versions, at, frames, cpuMs: cpuMsSince(cpuFrom) });
      return;
    case 'stall': {
      const url = sockets[0]?.url ?? '';
      const origin = new URL(url.replace(/^ws/, 'http')).origin;
      const socket = await open(url, origin, command.cookie);
      await subscribed(socket);
      socket.pause();
      send({ op: 'stalled' });
      return;
    }
    case 'close':
      for (const socket of sockets) socket.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      send({ op: 'closed', codes });
      process.exit(0);
  }
}
