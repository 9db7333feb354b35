import type { AlertSeverity } from '@hoga/contracts';

/** What the outbox stores of an alert (the `data` of an `Alert` plus when it happened). */
export interface OutboxAlert {
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly body: string;
  readonly dedupKey: string;
  readonly source: string;
  readonly occurredAt: string;
}

/** One alert for one channel (`telegram:<chatId>` or `webhook`). */
export interface AlertRow extends OutboxAlert {
  readonly id: string;
  readonly channel: string;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date;
  readonly attempts: number;
  readonly sentAt: Date | null;
  readonly lastError: string | null;
}

/**
 * The durable queue of alerts to deliver. An alert is stored once per (dedupKey, channel): a
 * second enqueue is ignored while the first is pending, or was sent less than `dedupWindowMs`
 * ago; after that window the same key is delivered again.
 */
export interface AlertOutbox {
  /** Stores the alert for each channel in one statement; returns how many rows are new. */
  enqueue(alert: OutboxAlert, channels: readonly string[], now: Date): Promise<number>;
  /**
   * Takes up to `limit` due rows, oldest due first, and hides them from other claimers for
   * `leaseMs` (a crashed deliverer's rows come back after the lease).
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<AlertRow[]>;
  /** The row was delivered. */
  markSent(id: string, at: Date): Promise<void>;
  /** The attempt failed: count it, keep the error, try again at `nextAttemptAt`. */
  markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** When the earliest pending row is due, if any. */
  nextDueAt(): Promise<Date | undefined>;
  /** Every row, oldest first (operators and tests). */
  list(): Promise<AlertRow[]>;
}

/** The outbox channel id of a Telegram chat. */
export const telegramChannel = (chatId: string): string => `telegram:${chatId}`;
/** The outbox channel id of the webhook. */
export const WEBHOOK_CHANNEL = 'webhook';
/** Default deduplication window: one hour. */
export const DEFAULT_DEDUP_WINDOW_MS = 60 * 60 * 1000;
