import type { GatewayModule } from '../gateway-context.js';
import type { LiveClientLimits } from './live-client.js';
import { LiveClients, registerLiveRoute } from './live-route.js';
import { LIVE_VIEW_TIMINGS, startLiveView, type LiveViewTimings } from './live-view.js';

/** The live module's timings besides the settings (`settings.live`). */
export interface LiveModuleOptions {
  readonly view?: LiveViewTimings;
  /** ws ping + `heartbeat` frame interval; a client that missed a pong is terminated. */
  readonly heartbeatMs?: number;
}

/** The socket-buffer level above which frames wait in the gateway's (coalescing) queue. */
const HIGH_WATER_BYTES = 64 * 1024;

/** Builds the live module (the WebSocket, its clients' flow, the live view). */
export function createLiveModule(options: LiveModuleOptions = {}): GatewayModule {
  return {
    name: 'live',
    async start(ctx, app) {
      const settings = ctx.settings.live;
      const limits: LiveClientLimits = {
        maxQueuedBytes: settings.maxQueuedBytes,
        slowClientMs: settings.slowClientMs,
        highWaterBytes: Math.min(HIGH_WATER_BYTES, settings.maxQueuedBytes),
        appendQueue: 1_000,
        maxSubscriptions: 256,
        heartbeatMs: options.heartbeatMs ?? 15_000,
      };
      const clients = new LiveClients();
      registerLiveRoute(ctx, app, clients, limits);
      const view = await startLiveView(ctx, options.view ?? LIVE_VIEW_TIMINGS);
      const checkEvery = Math.max(20, Math.min(250, Math.floor(settings.slowClientMs / 4)));
      const timers = [
        setInterval(() => clients.check(ctx.now().getTime()), checkEvery),
        setInterval(() => clients.heartbeat(ctx.now()), limits.heartbeatMs),
      ];
      return async () => {
        for (const timer of timers) clearInterval(timer);
        clients.closeAll(1001, 'gateway stopping');
        await view.stop();
      };
    },
  };
}

/** The live module with its default timings (service.ts). */
export const liveModule: GatewayModule = createLiveModule();
