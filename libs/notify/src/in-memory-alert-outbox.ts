import { randomUUID } from 'node:crypto';
import type { AlertOutbox, AlertRow, OutboxAlert } from './alert-outbox.port.js';
import { DEFAULT_DEDUP_WINDOW_MS } from './alert-outbox.port.js';

/** An {@link AlertOutbox} in memory, with the PostgreSQL one's behaviour (unit tests). */
export class InMemoryAlertOutbox implements AlertOutbox {
  readonly #rows = new Map<string, AlertRow>();

  constructor(private readonly dedupWindowMs = DEFAULT_DEDUP_WINDOW_MS) {}

  async enqueue(alert: OutboxAlert, channels: readonly string[], now: Date): Promise<number> {
    let added = 0;
    for (const channel of new Set(channels)) {
      const existing = [...this.#rows.values()].find(
        (r) => r.dedupKey === alert.dedupKey && r.channel === channel,
      );
      const expired =
        existing?.sentAt != null &&
        existing.createdAt.getTime() <= now.getTime() - this.dedupWindowMs;
      if (existing && !expired) continue;
      if (existing) this.#rows.delete(existing.id);
      const id = randomUUID();
      this.#rows.set(id, {
        ...alert,
        id,
        channel,
        createdAt: now,
        nextAttemptAt: now,
        attempts: 0,
        sentAt: null,
        lastError: null,
      });
      added++;
    }
    return added;
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<AlertRow[]> {
    const due = [...this.#rows.values()]
      .filter((r) => r.sentAt === null && r.nextAttemptAt.getTime() <= now.getTime())
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    const lease = new Date(now.getTime() + leaseMs);
    for (const r of due) this.#rows.set(r.id, { ...r, nextAttemptAt: lease });
    return due;
  }

  async markSent(id: string, at: Date): Promise<void> {
    this.#update(id, (r) => ({ ...r, sentAt: at, attempts: r.attempts + 1, lastError: null }));
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    this.#update(id, (r) => ({ ...r, attempts: r.attempts + 1, lastError: error, nextAttemptAt }));
  }

  async nextDueAt(): Promise<Date | undefined> {
    const pending = [...this.#rows.values()].filter((r) => r.sentAt === null);
    if (pending.length === 0) return undefined;
    return new Date(Math.min(...pending.map((r) => r.nextAttemptAt.getTime())));
  }

  async list(): Promise<AlertRow[]> {
    return [...this.#rows.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  #update(id: string, change: (row: AlertRow) => AlertRow): void {
    const row = this.#rows.get(id);
    if (row) this.#rows.set(id, change(row));
  }
}
