import { randomUUID } from 'node:crypto';
import type { Bus, KvBucket } from '@hoga/bus';
import {
  kv,
  RISK_KV_KEY,
  subjects,
  type Alert,
  type AlertSeverity,
  type RiskHalt,
  type RiskState,
} from '@hoga/contracts';
import { inSpan, sendAttributes, SpanKind, traceHeaders, type Logger } from '@hoga/telemetry';
import type { StoredRiskEvent } from './risk-stream.js';

/** An alert for people; `dedupKey` makes the notifier send it once. */
export interface AlertRequest {
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly body: string;
  readonly dedupKey: string;
}

const envelopeOf = <T extends string, D>(
  type: T,
  data: D,
  at: string,
  causationId: string | null,
) => {
  const id = randomUUID();
  return { id, type, occurredAt: at, causationId, correlationId: causationId ?? id, data };
};

/**
 * Everything risk-guard sends out: the trading state to KV `hoga-risk` and `hoga.risk.state`,
 * halts on `hoga.risk.halt`, the stored events on `hoga.risk.evt` and alerts on
 * `hoga.alert.<severity>`. Alerts and event relays never throw: a failed alert never blocks
 * trading (it is logged).
 */
export class RiskPublisher {
  #bucket: Promise<KvBucket<RiskState>> | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  /** Writes the state to the KV (the cache every service reads) and publishes it. */
  async state(data: RiskState['data'], at: string): Promise<void> {
    const message = envelopeOf('RiskState', data, at, null);
    this.#bucket ??= this.bus.kv(kv.risk());
    await (await this.#bucket).put(RISK_KV_KEY, message);
    await this.bus.publishDurable(subjects.riskState(), message, { msgId: message.id });
  }

  /** Safe mode now; the message id is the `TradingStateChanged` event id (deduplicated). */
  async halt(changed: StoredRiskEvent, data: RiskHalt['data']): Promise<void> {
    const e = changed.envelope;
    const message: RiskHalt = { ...e, type: 'RiskHalt', causationId: e.id, data };
    const route = subjects.riskHalt();
    const msgId = `halt-${e.id}`;
    // a PRODUCER span in the breach's trace: position-actor's exits continue it (ADR 0057)
    const options = { kind: SpanKind.PRODUCER, attributes: sendAttributes(route.subject, e.id) };
    await inSpan(`send ${route.subject}`, options, () =>
      this.bus.publishDurable(route, message, { msgId, headers: traceHeaders() }),
    );
  }

  /** Relays stored events (best effort: the stream is the record). */
  async events(stored: readonly StoredRiskEvent[]): Promise<void> {
    for (const { envelope } of stored)
      await this.bus
        .publishDurable(subjects.riskEvt(), envelope, { msgId: envelope.id })
        .catch((error: unknown) =>
          this.logger.warn('risk event relay failed', { id: envelope.id, error }),
        );
  }

  /** Publishes an alert; a failure is logged, never thrown. */
  async alert(request: AlertRequest, at: string, causationId: string | null): Promise<void> {
    const message: Alert = envelopeOf(
      'Alert',
      { ...request, source: 'risk-guard' },
      at,
      causationId,
    );
    try {
      await this.bus.publishDurable(subjects.alert(request.severity), message, {
        msgId: `alert-${request.dedupKey}`,
      });
    } catch (error) {
      this.logger.error('alert not published', { dedupKey: request.dedupKey, error });
    }
  }
}
