import { serveOps, type Bus, type Subscription } from '@hoga/bus';
import type { PositionActorSettings } from '@hoga/contracts';
import type { Decimal } from '@hoga/model';
import type { PriceSanitySettings } from '@hoga/position';
import { listHandler } from './list.handler.js';
import { positionCommandHandler } from './position-command.handler.js';
import { runHandler } from './run.handler.js';
import type { ServiceContext } from './service-context.js';
import { statusHandler } from './status.handler.js';

/**
 * Serves `hoga.ops.position-actor.*`: a NATS micro service `hoga-position-actor` on the NATS bus
 * (so `nats micro ls` lists it and `nats req` calls it), plain request/reply in-process.
 */
export async function registerOpsHandlers(
  bus: Bus,
  ctx: ServiceContext,
  feeRate: Decimal,
  status: {
    readonly instanceId: string;
    readonly priceSanity: PriceSanitySettings;
    readonly settings: PositionActorSettings;
  },
): Promise<Subscription[]> {
  const run = runHandler(ctx);
  const list = listHandler(ctx, feeRate);
  const answerStatus = statusHandler(ctx.host, status);
  const server = await serveOps(bus, 'position-actor', {
    run: (request) => run(request),
    list: (request) => list(request),
    close: positionCommandHandler(ctx, 'close'),
    pause: positionCommandHandler(ctx, 'pause'),
    resume: positionCommandHandler(ctx, 'resume'),
    'retry-close': positionCommandHandler(ctx, 'retry-close'),
    dismiss: positionCommandHandler(ctx, 'dismiss'),
    status: (request) => answerStatus(request),
  });
  return [{ unsubscribe: () => server.stop() }];
}
