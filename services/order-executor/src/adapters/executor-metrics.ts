import { consumerBacklogs, type Bus } from '@hoga/bus';
import { subjects, type OrderEvent } from '@hoga/contracts';
import type { OutboxStore } from '@hoga/event-store';
import {
  BoundedLabel,
  counterOf,
  gaugeOf,
  histogramOf,
  Label,
  Metrics,
  observeGauge,
  type Meter,
} from '@hoga/telemetry';
import { parseRemainingReq, type PrivateWsClient } from '@hoga/upbit';

/** Upbit's REST paths are a few fixed ones; anything past this many is `other`. */
const MAX_PATHS = 50;
const MAX_GROUPS = 20;
const MAX_MARKETS = 300;

/**
 * order-executor's metrics: the round trip of every Upbit REST call (through the client's
 * `fetch`), 429/418 answers, Upbit's `Remaining-Req` by group, fills, private WebSocket
 * reconnects and the order-event outbox lag.
 */
export function executorMetrics(meter: Meter) {
  const paths = new BoundedLabel(MAX_PATHS);
  const groups = new BoundedLabel(MAX_GROUPS);
  const markets = new BoundedLabel(MAX_MARKETS);
  const duration = histogramOf(meter, Metrics.upbitRequestDuration);
  const throttled = counterOf(meter, Metrics.upbitThrottled);
  const remaining = gaugeOf(meter, Metrics.upbitRemainingRequests);
  const fills = counterOf(meter, Metrics.fills);
  const reconnects = counterOf(meter, Metrics.websocketReconnects);
  const stops: (() => void)[] = [];

  /** `fetch` for the Upbit client: times the call to the response head, reads the rate headers. */
  const measuredFetch =
    (inner: typeof fetch = fetch): typeof fetch =>
    async (input, init) => {
      const request = new Request(input, init);
      const attributes = {
        [Label.method]: request.method,
        [Label.urlTemplate]: paths.of(new URL(request.url).pathname),
      };
      const started = performance.now();
      let response: Response;
      try {
        response = await inner(input, init);
      } catch (error) {
        const type = error instanceof Error ? error.name : 'Error';
        duration.record((performance.now() - started) / 1000, {
          ...attributes,
          [Label.errorType]: type,
        });
        throw error;
      }
      const status = response.status;
      duration.record((performance.now() - started) / 1000, {
        ...attributes,
        [Label.statusCode]: status,
        ...(status >= 400 ? { [Label.errorType]: String(status) } : {}),
      });
      if (status === 429 || status === 418)
        throttled.add(1, {
          [Label.statusCode]: status,
          [Label.urlTemplate]: attributes[Label.urlTemplate],
        });
      const left = parseRemainingReq(response.headers.get('remaining-req'));
      if (left !== undefined)
        remaining.record(left.sec, { [Label.rateGroup]: groups.of(left.group) });
      return response;
    };

  return {
    measuredFetch,
    /** An order event reached the bus for the first time (not a duplicate). */
    published: (event: OrderEvent): void => {
      if (event.type === 'OrderFilled')
        fills.add(1, {
          [Label.market]: markets.of(event.data.market),
          [Label.side]: event.data.side,
        });
    },
    /** Observes private reconnects, the outbox's oldest unsent row, the command backlog. */
    observe(deps: {
      privateWs: PrivateWsClient;
      outbox: OutboxStore;
      now: () => Date;
      bus: Bus;
      durable: string;
    }): void {
      const onConnect = ({ connection }: { connection: number }) => {
        if (connection > 1) reconnects.add(1, { [Label.stream]: 'private' });
      };
      deps.privateWs.on('reconnected', onConnect);
      stops.push(
        () => deps.privateWs.off('reconnected', onConnect),
        observeGauge(meter, Metrics.outboxLag, async () => {
          const [oldest] = await deps.outbox.pendingOutbox(1);
          const lag = oldest ? Math.max(0, deps.now().getTime() - oldest.createdAt.getTime()) : 0;
          return [[lag / 1000, { [Label.service]: 'order-executor' }]];
        }),
        observeGauge(meter, Metrics.consumerPending, async () =>
          (await consumerBacklogs(deps.bus, subjects.orderCmd(), [deps.durable])).map(
            (b) => [b.pending, { [Label.consumer]: b.durable }] as const,
          ),
        ),
      );
    },
    stop: () => stops.splice(0).forEach((stop) => stop()),
  };
}

export type ExecutorMetrics = ReturnType<typeof executorMetrics>;
