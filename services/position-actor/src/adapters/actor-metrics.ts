import { consumerBacklogs, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { EventStore } from '@hoga/event-store';
import type { Market, PositionId } from '@hoga/model';
import {
  BoundedLabel,
  histogramOf,
  Label,
  Metrics,
  observeGauge,
  type Meter,
} from '@hoga/telemetry';
import type { ActorHost } from '../app/actor-host.js';
import { orderEventConsumer } from '../app/partitions/partition-hosting.js';

const STATUSES = ['pending', 'active', 'closing', 'closed', 'error'] as const;

/** Distinct markets the latency histogram keeps by name; then `other`. */
const MAX_MARKET_LABELS = 300;

export interface ActorMetricsDeps {
  readonly host: ActorHost;
  /** The closed positions of the owned partitions (the position index). */
  readonly closedPositions: () => Promise<readonly PositionId[]>;
  /** The outbox this instance relays. */
  readonly store: EventStore;
  readonly now: () => Date;
  readonly bus: Bus;
  /** Prefix of the per-partition order-event consumers (`<prefix>-p<n>`). */
  readonly consumerName: string;
  /** The partitions this instance owns now. */
  readonly owned: () => readonly number[];
}

/**
 * position-actor's metrics: positions by status (as their actors hold them, plus the closed
 * ones of the index not in memory: what `hoga positions` lists), the outbox lag, and the tick →
 * order latency, which the host reports through `tickToOrder`.
 */
export function actorMetrics(meter: Meter) {
  const markets = new BoundedLabel(MAX_MARKET_LABELS);
  const latency = histogramOf(meter, Metrics.tickToOrder);
  const stops: (() => void)[] = [];
  return {
    tickToOrder: (market: Market, ms: number) =>
      latency.record(ms / 1000, { [Label.market]: markets.of(market) }),
    /** Starts observing what needs the running service. */
    observe(deps: ActorMetricsDeps): void {
      stops.push(
        observeGauge(meter, Metrics.positions, async () => {
          const counts = new Map<string, number>(STATUSES.map((s) => [s, 0]));
          const closed = new Set<PositionId>(await deps.closedPositions());
          for (const actor of deps.host.all()) {
            const { status } = actor.live.snapshot;
            if (status === 'closed') closed.add(actor.positionId);
            else if (status !== 'unopened') counts.set(status, (counts.get(status) ?? 0) + 1);
          }
          counts.set('closed', closed.size);
          return [...counts].map(([s, n]) => [n, { [Label.positionStatus]: s }] as const);
        }),
        observeGauge(meter, Metrics.outboxLag, async () => {
          const [oldest] = await deps.store.pendingOutbox(1);
          const lag = oldest ? Math.max(0, deps.now().getTime() - oldest.createdAt.getTime()) : 0;
          return [[lag / 1000, { [Label.service]: 'position-actor' }]];
        }),
        observeGauge(meter, Metrics.consumerPending, async () =>
          (
            await consumerBacklogs(
              deps.bus,
              subjects.orderEvt('*', '*'),
              deps.owned().map((p) => orderEventConsumer(deps.consumerName, p)),
            )
          ).map((b) => [b.pending, { [Label.consumer]: b.durable }] as const),
        ),
      );
    },
    stop: () => stops.splice(0).forEach((stop) => stop()),
  };
}
