import type { Bus } from '@hoga/bus';
import { subjects, wrap, type AlertSeverity } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';

/** An alert to raise. `dedupKey` also makes the message id, so a repeat is dropped. */
export interface AlertInput {
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly body: string;
  readonly dedupKey: string;
}

/** Raises alerts on `hoga.alert.<severity>`. A failed alert is logged and never blocks trading. */
export class Alerts {
  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  async raise(alert: AlertInput): Promise<void> {
    const id = `alert.${alert.dedupKey}`.replace(/[^\x21-\x7e]/g, '_').slice(0, 128);
    const message = wrap(
      'Alert',
      {
        severity: alert.severity,
        title: alert.title.slice(0, 200),
        body: alert.body.slice(0, 4000),
        dedupKey: alert.dedupKey.slice(0, 200),
        source: 'order-executor',
      },
      { id, occurredAt: this.clock().toISOString(), causationId: null, correlationId: id },
    );
    this.logger.warn(`alert: ${alert.title}`, { dedupKey: alert.dedupKey, body: alert.body });
    try {
      await this.bus.publishDurable(subjects.alert(alert.severity), message, { msgId: id });
    } catch (error) {
      this.logger.error('alert could not be published', { dedupKey: alert.dedupKey, error });
    }
  }
}
