import { consumerBacklogs, type Bus } from '@hoga/bus';
import { subjects, TradingState } from '@hoga/contracts';
import { Label, metricNumber, Metrics, observeGauge, type Meter } from '@hoga/telemetry';
import type { RiskGuard } from '../app/risk-guard.js';
import { ALERT_CONSUMER, type AlertNotifier } from '../app/notifier/alert-notifier.js';

const STATES = Object.keys(TradingState.keys) as TradingState[];

/**
 * risk-guard's metrics, read from the guard's view at each collection: equity, unrealized and
 * realized PnL, the trading state (1 for the current one), loss and limit while a limit is
 * armed, and, when the notifier runs, the alert outbox's undelivered rows and the backlog of its
 * consumer of `hoga.alert.*`. Exact decimals become
 * floats here and nowhere else.
 */
export function riskMetrics(
  meter: Meter,
  deps: {
    readonly guard: RiskGuard;
    readonly notifier: AlertNotifier | undefined;
    readonly bus: Bus;
  },
): () => void {
  const { guard } = deps;
  const stops = [
    observeGauge(meter, Metrics.tradingState, () => {
      const current = guard.view().state;
      return STATES.map((s) => [s === current ? 1 : 0, { [Label.tradingState]: s }] as const);
    }),
    observeGauge(meter, Metrics.equity, () => {
      const equity = guard.equity;
      return equity ? [[metricNumber(equity.totalKrw)]] : [];
    }),
    observeGauge(meter, Metrics.unrealizedPnl, () => [
      [metricNumber(guard.view().unrealizedPnlKrw)],
    ]),
    observeGauge(meter, Metrics.realizedPnl, () => {
      const evaluation = guard.view().evaluation;
      return evaluation ? [[metricNumber(evaluation.realizedPnlSinceArming)]] : [];
    }),
    observeGauge(meter, Metrics.loss, () => {
      const evaluation = guard.view().evaluation;
      return evaluation ? [[metricNumber(evaluation.lossKrw)]] : [];
    }),
    observeGauge(meter, Metrics.lossLimit, () => {
      const evaluation = guard.view().evaluation;
      return evaluation ? [[metricNumber(evaluation.limitKrw)]] : [];
    }),
  ];
  const { notifier } = deps;
  if (notifier)
    stops.push(
      observeGauge(meter, Metrics.alertOutboxDepth, async () => [[await notifier.undelivered()]]),
      observeGauge(meter, Metrics.consumerPending, async () =>
        (await consumerBacklogs(deps.bus, subjects.alert('*'), [ALERT_CONSUMER])).map(
          (b) => [b.pending, { [Label.consumer]: b.durable }] as const,
        ),
      ),
    );
  return () => stops.forEach((stop) => stop());
}
