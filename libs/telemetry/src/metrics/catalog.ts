/**
 * Every metric hoga exports: its OpenTelemetry name, kind, unit, description and labels, and the
 * service that records it. The one place a metric name is spelled: instruments are created from
 * these entries, the Grafana dashboard and the alert rules are checked against them.
 *
 * Names follow OpenTelemetry's semantic conventions: `http.client.request.duration` where a
 * convention exists, `hoga.`-prefixed otherwise; units are UCUM (`s`, `1`) or annotations
 * (`{tick}`, `{KRW}`). The Prometheus exporter derives the scraped name (see `prometheusName`).
 */

/** How the value is recorded; decides the Prometheus type. */
export type MetricKind = 'counter' | 'histogram' | 'gauge';

/** A process that records metrics (in the all-in-one, all of them in the same process). */
export type MetricSource =
  'market-feed' | 'position-actor' | 'order-executor' | 'risk-guard' | 'dashboard-gateway';

export interface MetricSpec {
  readonly name: string;
  readonly kind: MetricKind;
  readonly unit: string;
  readonly description: string;
  /** Attribute (label) names; values are bounded (markets to the configured ones). */
  readonly labels: readonly string[];
  /** Who records it. */
  readonly sources: readonly MetricSource[];
  /** Histogram bucket boundaries, in the metric's unit. */
  readonly buckets?: readonly number[];
}

/** Label names, spelled once. */
export const Label = {
  market: 'hoga.market',
  side: 'hoga.order.side',
  positionStatus: 'hoga.position.status',
  tradingState: 'hoga.trading.state',
  rateGroup: 'hoga.upbit.rate_group',
  stream: 'hoga.upbit.stream',
  consumer: 'hoga.consumer',
  method: 'http.request.method',
  statusCode: 'http.response.status_code',
  urlTemplate: 'url.template',
  errorType: 'error.type',
  service: 'hoga.service',
  dependency: 'hoga.dependency',
} as const;

const spec = <const S extends MetricSpec>(s: S): S => s;

export const Metrics = {
  ticks: spec({
    name: 'hoga.feed.ticks',
    kind: 'counter',
    unit: '{tick}',
    description: 'Ticks published by the market feed; ticks per second is its rate.',
    labels: [Label.market],
    sources: ['market-feed'],
  }),
  lastTickAge: spec({
    name: 'hoga.feed.last_tick.age',
    kind: 'gauge',
    unit: 's',
    description:
      'Seconds since the last tick of the market was received (absent before the first).',
    labels: [Label.market],
    sources: ['market-feed'],
  }),
  websocketReconnects: spec({
    name: 'hoga.upbit.websocket.reconnects',
    kind: 'counter',
    unit: '{reconnect}',
    description: 'Reconnections of an Upbit WebSocket (public market data, private myOrder).',
    labels: [Label.stream],
    sources: ['market-feed', 'order-executor'],
  }),
  tickToOrder: spec({
    name: 'hoga.tick_to_order.duration',
    kind: 'histogram',
    unit: 's',
    description:
      'From a tick reaching the position actor to the order command it caused being stored.',
    labels: [Label.market],
    sources: ['position-actor'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  positions: spec({
    name: 'hoga.positions',
    kind: 'gauge',
    unit: '{position}',
    description:
      'Positions by status, of the partitions this instance owns (summed over instances: all).',
    labels: [Label.positionStatus],
    sources: ['position-actor'],
  }),
  upbitRequestDuration: spec({
    name: 'http.client.request.duration',
    kind: 'histogram',
    unit: 's',
    description: 'Round trip of an Upbit REST call (order placement, cancel, lookups).',
    labels: [Label.method, Label.urlTemplate, Label.statusCode, Label.errorType],
    sources: ['order-executor'],
    // OpenTelemetry's advice for http.client.request.duration
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  }),
  upbitThrottled: spec({
    name: 'hoga.upbit.throttled',
    kind: 'counter',
    unit: '{response}',
    description: 'Upbit answers 429 (too many requests) and 418 (blocked).',
    labels: [Label.statusCode, Label.urlTemplate],
    sources: ['order-executor'],
  }),
  upbitRemainingRequests: spec({
    name: 'hoga.upbit.remaining_requests',
    kind: 'gauge',
    unit: '{request}',
    description: "Upbit's Remaining-Req: requests left in the current second, by rate-limit group.",
    labels: [Label.rateGroup],
    sources: ['order-executor'],
  }),
  fills: spec({
    name: 'hoga.order.fills',
    kind: 'counter',
    unit: '{fill}',
    description: 'Fills (trades) applied to orders.',
    labels: [Label.market, Label.side],
    sources: ['order-executor'],
  }),
  equity: spec({
    name: 'hoga.portfolio.equity',
    kind: 'gauge',
    unit: '{KRW}',
    description: 'Total equity (KRW balance + holdings at market), as the risk guard sees it.',
    labels: [],
    sources: ['risk-guard'],
  }),
  unrealizedPnl: spec({
    name: 'hoga.pnl.unrealized',
    kind: 'gauge',
    unit: '{KRW}',
    description: 'Summed unrealized PnL (after exit fees) of the positions holding coins.',
    labels: [],
    sources: ['risk-guard'],
  }),
  realizedPnl: spec({
    name: 'hoga.pnl.realized',
    kind: 'gauge',
    unit: '{KRW}',
    description: 'Realized PnL since the loss limit was armed.',
    labels: [],
    sources: ['risk-guard'],
  }),
  tradingState: spec({
    name: 'hoga.trading.state',
    kind: 'gauge',
    unit: '1',
    description:
      'The trading state: 1 for the current one (ACTIVE, REDUCING, HALTED), 0 otherwise.',
    labels: [Label.tradingState],
    sources: ['risk-guard'],
  }),
  loss: spec({
    name: 'hoga.risk.loss',
    kind: 'gauge',
    unit: '{KRW}',
    description: 'Loss since the loss limit was armed (0 when in profit).',
    labels: [],
    sources: ['risk-guard'],
  }),
  lossLimit: spec({
    name: 'hoga.risk.loss.limit',
    kind: 'gauge',
    unit: '{KRW}',
    description: 'The armed loss limit; trading halts when the loss reaches it.',
    labels: [],
    sources: ['risk-guard'],
  }),
  outboxLag: spec({
    name: 'hoga.outbox.lag',
    kind: 'gauge',
    unit: 's',
    description: 'Age of the oldest outbox row not yet published (0 when empty).',
    labels: [Label.service],
    sources: ['position-actor', 'order-executor'],
  }),
  consumerPending: spec({
    name: 'hoga.consumer.pending',
    kind: 'gauge',
    unit: '{message}',
    description: 'Messages waiting for a JetStream consumer (pending + unacknowledged).',
    labels: [Label.consumer],
    sources: ['position-actor', 'order-executor', 'risk-guard'],
  }),
  alertOutboxDepth: spec({
    name: 'hoga.alert.outbox.depth',
    kind: 'gauge',
    unit: '{alert}',
    description: 'Alerts stored but not yet delivered to the operator.',
    labels: [],
    sources: ['risk-guard'],
  }),
  ready: spec({
    name: 'hoga.ready',
    kind: 'gauge',
    unit: '1',
    description:
      'Readiness of a dependency of the process (1 up, 0 down), as /health/ready reports.',
    labels: [Label.dependency],
    sources: ['market-feed', 'position-actor', 'order-executor', 'risk-guard', 'dashboard-gateway'],
  }),
} as const;

export type MetricKey = keyof typeof Metrics;

/** Every metric, in catalog order. */
export const metricCatalog: readonly MetricSpec[] = Object.values(Metrics);

/**
 * The name Prometheus scrapes, as `@opentelemetry/exporter-prometheus` derives it: characters
 * outside `[a-zA-Z0-9_]` become `_` (runs of `_` collapse), counters get `_total`. Histograms add `_bucket`, `_sum`
 * and `_count` to it.
 */
export function prometheusName(metric: MetricSpec): string {
  const base = sanitize(metric.name);
  return metric.kind === 'counter' && !base.endsWith('_total') ? `${base}_total` : base;
}

/** A label name as Prometheus shows it (`hoga.market` -> `hoga_market`). */
export function prometheusLabel(label: string): string {
  return sanitize(label);
}

function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/_{2,}/g, '_');
}
