import type { Alert } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import type { AlertChannel } from './alert-channels.js';
import type { AlertOutbox, AlertRow, OutboxAlert } from './alert-outbox.port.js';
import { isNotifyDeliveryError } from './errors.js';
import type { RetryPolicy } from './retry-policy.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy.js';
import { WakeableSleep } from './wakeable-sleep.js';

/** What a {@link Notifier} needs. */
export interface NotifierOptions {
  readonly outbox: AlertOutbox;
  readonly channels: readonly AlertChannel[];
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
  /** Rows taken per pass (default 20). */
  readonly batchSize?: number;
  /** How long a claimed row is hidden from other notifiers (default 60 s). */
  readonly leaseMs?: number;
  /** Longest sleep between passes, to see rows other processes enqueued (default 5 s). */
  readonly idlePollMs?: number;
  readonly now?: () => Date;
}

/** The `data` of an alert envelope as the outbox stores it. */
export const toOutboxAlert = (alert: Alert): OutboxAlert => ({
  ...alert.data,
  occurredAt: alert.occurredAt,
});

/**
 * Delivers alerts from the outbox to every channel. The trading path only calls `enqueue` (one
 * INSERT) or `raise` (fire and forget); delivery runs in the background loop, retries with
 * exponential backoff (honouring Telegram's `retry_after`) and resumes pending rows on start.
 */
export class Notifier {
  readonly #o: NotifierOptions;
  readonly #channels: ReadonlyMap<string, AlertChannel>;
  readonly #sleep = new WakeableSleep();
  #abort = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(options: NotifierOptions) {
    this.#o = options;
    this.#channels = new Map(options.channels.map((c) => [c.id, c]));
  }

  /** Stores the alert for every configured channel and wakes the loop; never waits for delivery. */
  async enqueue(alert: Alert | OutboxAlert): Promise<number> {
    const data = 'data' in alert ? toOutboxAlert(alert) : alert;
    const added = await this.#o.outbox.enqueue(data, [...this.#channels.keys()], this.#now());
    if (added > 0) this.#sleep.wake();
    return added;
  }

  /** `enqueue` for callers that must not wait or fail (the trading path): errors are logged. */
  raise(alert: Alert | OutboxAlert): void {
    this.enqueue(alert).catch((error: unknown) =>
      this.#o.logger.error('alert enqueue failed', { error, dedupKey: dedupKeyOf(alert) }),
    );
  }

  /** Starts the delivery loop (idempotent). */
  start(): void {
    if (this.#loop) return;
    this.#abort = new AbortController();
    this.#loop = this.#run(this.#abort.signal);
  }

  /** Stops the loop, aborting a delivery in flight (its row is retried on the next start). */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#sleep.wake();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const idle = this.#o.idlePollMs ?? 5000;
    while (!signal.aborted) {
      let delay = idle;
      try {
        const claimed = await this.#deliverDue(signal);
        if (claimed === (this.#o.batchSize ?? 20)) continue;
        const due = await this.#o.outbox.nextDueAt();
        if (due) delay = Math.min(idle, Math.max(0, due.getTime() - this.#now().getTime()));
      } catch (error) {
        this.#o.logger.error('alert outbox pass failed', { error });
      }
      if (!signal.aborted) await this.#sleep.sleep(delay);
    }
  }

  async #deliverDue(signal: AbortSignal): Promise<number> {
    const { outbox } = this.#o;
    const rows = await outbox.claimDue(
      this.#now(),
      this.#o.batchSize ?? 20,
      this.#o.leaseMs ?? 60_000,
    );
    for (const row of rows) {
      if (signal.aborted) {
        await outbox.markFailed(row.id, 'interrupted by stop', this.#now());
        continue;
      }
      await this.#deliverOne(row, signal);
    }
    return rows.length;
  }

  async #deliverOne(row: AlertRow, signal: AbortSignal): Promise<void> {
    const channel = this.#channels.get(row.channel);
    const policy = this.#o.retry ?? DEFAULT_RETRY_POLICY;
    try {
      if (!channel) throw new Error(`channel ${row.channel} is not configured`);
      await channel.deliver(row, signal);
      await this.#o.outbox.markSent(row.id, this.#now());
    } catch (error) {
      const retryAfter = isNotifyDeliveryError(error) ? error.retryAfterMs : undefined;
      const delay = signal.aborted ? 0 : retryDelayMs(row.attempts + 1, policy, retryAfter);
      const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      await this.#o.outbox.markFailed(row.id, message, new Date(this.#now().getTime() + delay));
      this.#o.logger.warn('alert delivery failed', {
        alertId: row.id,
        channel: row.channel,
        attempts: row.attempts + 1,
        retryInMs: delay,
        error: message,
      });
    }
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }
}

const dedupKeyOf = (alert: Alert | OutboxAlert): string =>
  'data' in alert ? alert.data.dedupKey : alert.dedupKey;
