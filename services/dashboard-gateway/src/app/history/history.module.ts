import type { GatewayModule } from '../gateway-context.js';
import { HistoryProjector } from './history-projector.js';
import { HistoryReadModel } from './history-read-model.js';
import { registerCandleRoutes } from './candles.routes.js';
import { registerOrderRoutes } from './orders.routes.js';
import { registerPositionRoutes } from './positions.routes.js';
import { registerTimelineRoutes } from './timeline.routes.js';

/**
 * History: the gateway's read model of every position and the engine-wide timeline (a
 * projection of the event store in its own tables), the routes that page through them, one
 * position's events with the state after each, its orders and trades (order-executor's
 * tables), a market's candles (market-feed), and the live channel `position/<id>`.
 */
export const historyModule: GatewayModule = {
  name: 'history',
  async start(ctx, app) {
    const model = new HistoryReadModel(ctx.pool);
    await model.migrate();
    const projector = new HistoryProjector(ctx.store, model, ctx.live, ctx.logger);
    registerPositionRoutes(app, ctx, model);
    registerOrderRoutes(app, ctx);
    registerCandleRoutes(app, ctx);
    registerTimelineRoutes(app, ctx, model);
    projector.start();
    return () => projector.stop();
  },
};
