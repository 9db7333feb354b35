import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { adminHandler } from './admin/admin.routes.js';
import { EmulatorAdmin } from './admin/emulator-admin.js';
import type { EmulatorOptions } from './config/options.js';
import { resolveOptions } from './config/resolve-options.js';
import { EmulatorRuntime } from './emulator-runtime.js';
import type { PersistenceStatus } from './persistence/durable-state.js';
import { accountRoutes } from './http/accounts.routes.js';
import { candleRoutes } from './http/candles.routes.js';
import { sendReply } from './http/http-io.js';
import { orderQueryRoutes } from './http/order-queries.routes.js';
import { orderRoutes } from './http/orders.routes.js';
import { quotationRoutes } from './http/quotation.routes.js';
import { restPipeline } from './http/rest-pipeline.js';
import { Router } from './http/router.js';
import { upgradeHandler } from './ws/ws-upgrade.js';

/** A running emulator. */
export interface RunningEmulator {
  /** REST base URL, e.g. `http://127.0.0.1:41234` (paths as on api.upbit.com: `/v1/...`). */
  readonly url: string;
  /** Public WebSocket URL (`ws://.../websocket/v1`). */
  readonly wsUrl: string;
  /** Private WebSocket URL (`ws://.../websocket/v1/private`). */
  readonly privateWsUrl: string;
  /** The port it listens on. */
  readonly port: number;
  /** Operator controls: prices, balances, faults, inspection (also under `/__admin/`). */
  readonly admin: EmulatorAdmin;
  /** The durable state's recovery and journal figures (undefined without `persistence`). */
  persistence(): PersistenceStatus | undefined;
  /** Stops the timer, closes every connection and the server; saves the state (persistence). */
  close(): Promise<void>;
}

/** Every REST route of the emulated Upbit API. */
export const ROUTES = [
  ...accountRoutes,
  ...orderRoutes,
  ...orderQueryRoutes,
  ...quotationRoutes,
  ...candleRoutes,
];

/**
 * Starts an Upbit emulator on loopback: REST, public and private WebSocket, admin API.
 * Deterministic for its seed when stepped manually (`tickIntervalMs: 0` or `paused: true`).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = resolveOptions(options);
  const rt = new EmulatorRuntime(config);
  const admin = new EmulatorAdmin(rt);
  const rest = restPipeline({
    router: new Router(ROUTES),
    world: () => rt.world,
    limiter: rt.limiter,
    faults: rt.faults,
    keys: rt.keys,
    traffic: rt.traffic,
    tooManyBody: config.tooManyBody,
    log: config.log,
    journaled: () => rt.durable?.journaled(),
  });
  const adminRoutes = adminHandler(admin, () => rt.durable?.journaled());
  const { onRequest } = options;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const atMs = onRequest === undefined ? 0 : performance.timeOrigin + performance.now();
    const url = req.url ?? '/';
    const cut = url.indexOf('?');
    const path = cut < 0 ? url : url.slice(0, cut);
    onRequest?.({ method: req.method ?? 'GET', path, atMs });
    const work =
      path === '/__admin' || path.startsWith('/__admin/')
        ? adminRoutes(req, res, path, cut < 0 ? '' : url.slice(cut + 1))
        : rest(req, res);
    work.catch((e: unknown) => {
      config.log(
        `error handling ${req.method} ${url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      if (!res.headersSent)
        sendReply(res, {
          status: 500,
          body: { error: { name: 'server_error', message: 'internal error' } },
        });
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on(
    'upgrade',
    upgradeHandler({
      wss,
      hub: rt.hub,
      world: () => rt.world,
      limiter: rt.limiter,
      faults: rt.faults,
      keys: rt.keys,
      traffic: rt.traffic,
      session: config,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  rt.loop.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/websocket/v1`,
    privateWsUrl: `ws://${host}:${port}/websocket/v1/private`,
    port,
    admin,
    persistence: () => rt.durable?.status(),
    async close() {
      rt.loop.stop();
      rt.hub.drop('all');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.durable?.close();
    },
  };
}
