import type { Bus, Subscription } from '@hoga/bus';
import { kv, RISK_KV_KEY, subjects } from '@hoga/contracts';
import { OutboxRelay, type EventStore } from '@hoga/event-store';
import { DEFAULT_FEE_RATE, type Decimal } from '@hoga/model';
import { restore } from '@hoga/position';
import type { Logger } from '@hoga/telemetry';
import { BusOutboxPublisher } from './adapters/bus-outbox-publisher.js';
import { registerOpsHandlers } from './handlers/register-ops.js';
import { orderEventHandler } from './handlers/order-event.handler.js';
import { riskHaltHandler, riskStateHandler } from './handlers/risk.handler.js';
import type { ServiceContext } from './handlers/service-context.js';
import { ActorHost } from './host/actor-host.js';
import { findStoredPositions } from './host/live-positions.js';
import { PositionActor } from './host/position-actor.js';
import { PositionStream } from './host/position-stream.js';
import { RiskView } from './host/risk-view.js';
import { StatePublisher } from './host/state-publisher.js';

/** What position-actor runs on; everything with a default is optional. */
export interface PositionActorOptions {
  readonly bus: Bus;
  readonly store: EventStore;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly feeRate?: Decimal;
  readonly snapshotEvery?: number;
  readonly stateThrottleMs?: number;
  /** Durable consumer name of the order events (default `position-actor`). */
  readonly consumerName?: string;
}

/** A running position-actor. */
export interface PositionActorService {
  /** Positions rehydrated at start. */
  readonly rehydrated: number;
  /** Resolves once every actor has processed what was queued. */
  idle(): Promise<void>;
  /** Stops taking input, drains the actors and the outbox relay. */
  stop(): Promise<void>;
}

/**
 * Starts position-actor: rehydrates the positions not closed (snapshot + later events), then
 * watches the risk state, consumes order events, answers the ops endpoints and relays the outbox.
 */
export async function startService(options: PositionActorOptions): Promise<PositionActorService> {
  const { bus, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const feeRate = options.feeRate ?? DEFAULT_FEE_RATE;
  const relay = new OutboxRelay(store, new BusOutboxPublisher(bus), {
    onError: (error, message) => logger.warn('outbox publish failed', { error, id: message?.id }),
  });
  const stream = new PositionStream(store, options.snapshotEvery ?? 50);
  const publisher = new StatePublisher(bus, feeRate, options.stateThrottleMs ?? 1000, now);
  const host = new ActorHost({ bus, publisher, logger, appended: () => relay.wake() });
  const decideContext = () => ({ now: now().toISOString(), feeRate });
  const stored = await findStoredPositions(store);
  const ctx: ServiceContext = {
    host,
    stream,
    logger,
    now,
    risk: new RiskView(),
    closedAtStart: stored.closed,
    newActor: (id, live) => new PositionActor(id, live, stream, decideContext),
  };
  for (const id of stored.live) await host.adopt(ctx.newActor(id, restore(await stream.load(id))));
  logger.info('positions rehydrated', { live: stored.live.length, closed: stored.closed.size });
  relay.start();
  const subscriptions: Subscription[] = [
    await (
      await bus.kv(kv.risk())
    ).watch((e) => {
      if ('value' in e && e.key === RISK_KV_KEY) void riskStateHandler(ctx)(e.value);
    }),
    await bus.subscribe(subjects.riskHalt(), (d) => riskHaltHandler(ctx)(d.data)),
    await bus.consume(
      subjects.orderEvt('*'),
      { durable: options.consumerName ?? 'position-actor', ackWaitMs: 30_000, maxDeliver: 10 },
      orderEventHandler(ctx),
    ),
    ...(await registerOpsHandlers(bus, ctx, feeRate)),
  ];
  return {
    rehydrated: stored.live.length,
    idle: () => host.idle(),
    async stop() {
      for (const s of subscriptions) await s.unsubscribe();
      await host.close();
      await relay.stop();
      await relay.relayOnce();
    },
  };
}
