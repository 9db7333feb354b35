import type { DurableDelivery } from '@hoga/bus';
import type { Alert } from '@hoga/contracts';
import type { Notifier } from '@hoga/notify';
import type { Logger } from '@hoga/telemetry';

/** What the alert handler needs. */
export interface AlertHandlerDeps {
  readonly notifier: Pick<Notifier, 'enqueue'>;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Older alerts are acked without delivery (a first consumer reads the whole stream). */
  readonly maxAgeMs: number;
  /** How long to wait before an alert whose enqueue failed is offered again. */
  readonly retryMs: number;
}

/**
 * `hoga.alert.*` (durable) → the alert outbox: acked only once the outbox holds the alert, so a
 * crash or a database outage loses nothing (the outbox's dedup absorbs a redelivery).
 */
export const alertHandler =
  (deps: AlertHandlerDeps) =>
  async (delivery: DurableDelivery<Alert>): Promise<void> => {
    const alert = delivery.data;
    const ageMs = deps.now().getTime() - Date.parse(alert.occurredAt);
    if (ageMs > deps.maxAgeMs) {
      deps.logger.warn('stale alert not delivered', {
        dedupKey: alert.data.dedupKey,
        severity: alert.data.severity,
        occurredAt: alert.occurredAt,
      });
      return delivery.ack();
    }
    try {
      await deps.notifier.enqueue(alert);
    } catch (error) {
      deps.logger.error('alert not enqueued, offered again later', {
        dedupKey: alert.data.dedupKey,
        deliveryCount: delivery.deliveryCount,
        error,
      });
      return delivery.nak(deps.retryMs);
    }
    await delivery.ack();
  };
