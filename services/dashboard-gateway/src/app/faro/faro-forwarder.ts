import type { FaroForwardStats } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import type { FaroSettings } from '../../config.js';

/** What the forwarder has done since it started (in the gateway's ops `status`). */
export type ForwarderStats = FaroForwardStats;

export interface ForwarderOptions {
  readonly collectorUrl: string;
  readonly apiKey?: string | undefined;
  readonly maxQueued: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

interface Job {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Drops are logged at most this often (with the totals). */
const WARN_EVERY_MS = 60_000;

/**
 * Sends payloads to the collector over HTTP, in the background: at most `maxQueued` waiting or in
 * flight (more are refused, counted), `concurrency` at once, each within `timeoutMs`; a payload
 * the collector refuses or that fails is dropped and counted, never retried (the page's SDK has
 * already had its answer). Nothing it does can block or fail a request of the page.
 */
export class FaroForwarder {
  private readonly queue: Job[] = [];
  private inFlight = 0;
  private accepted = 0;
  private forwarded = 0;
  private readonly dropped = { queueFull: 0, collectorStatus: 0, failed: 0 };
  private lastWarnAt = Number.NEGATIVE_INFINITY;
  private readonly stopping = new AbortController();
  private readonly idle = new Set<() => void>();
  private readonly collectorHost: string;

  constructor(private readonly options: ForwarderOptions) {
    this.collectorHost = new URL(options.collectorUrl).host;
  }

  /** Queues a payload (JSON text); false when the queue is full (the payload is dropped). */
  offer(body: string, headers: Readonly<Record<string, string>>): boolean {
    if (this.stopping.signal.aborted || this.pending >= this.options.maxQueued) {
      this.drop('queueFull');
      return false;
    }
    this.accepted += 1;
    this.queue.push({ body, headers });
    this.pump();
    return true;
  }

  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  stats(): ForwarderStats {
    return {
      accepted: this.accepted,
      forwarded: this.forwarded,
      dropped: { ...this.dropped },
      pending: this.pending,
    };
  }

  /** Resolves once nothing is waiting or in flight. */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** Aborts what is in flight and drops what waits (counted). */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.dropped.failed += this.queue.length;
    this.queue.length = 0;
    await this.drained();
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift();
      if (job === undefined) break;
      this.inFlight += 1;
      void this.send(job).finally(() => {
        this.inFlight -= 1;
        this.pump();
        if (this.pending === 0) for (const resolve of this.idle) resolve();
        if (this.pending === 0) this.idle.clear();
      });
    }
  }

  private async send(job: Job): Promise<void> {
    const headers: Record<string, string> = {
      ...job.headers,
      'content-type': 'application/json',
    };
    if (this.options.apiKey !== undefined) headers['x-api-key'] = this.options.apiKey;
    try {
      const response = await fetch(this.options.collectorUrl, {
        method: 'POST',
        headers,
        body: job.body,
        redirect: 'error',
        signal: AbortSignal.any([
          AbortSignal.timeout(this.options.timeoutMs),
          this.stopping.signal,
        ]),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) this.forwarded += 1;
      else this.drop('collectorStatus', `answered ${String(response.status)}`);
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      this.drop(
        'failed',
        timedOut
          ? `no answer within ${String(this.options.timeoutMs)} ms`
          : (error as Error).message,
      );
    }
  }

  private drop(kind: keyof ForwarderStats['dropped'], why?: string): void {
    this.dropped[kind] += 1;
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.options.logger.warn('faro: payloads dropped', {
      collector: this.collectorHost,
      why:
        why ??
        (kind === 'queueFull' ? `more than ${String(this.options.maxQueued)} waiting` : kind),
      ...this.stats(),
    });
  }
}

/** The forwarder for `settings`, or undefined while no collector is configured (Faro off). */
export const faroForwarderOf = (
  settings: FaroSettings,
  logger: Logger,
): FaroForwarder | undefined =>
  settings.collectorUrl === undefined
    ? undefined
    : new FaroForwarder({
        collectorUrl: settings.collectorUrl,
        apiKey: settings.apiKey,
        maxQueued: settings.maxQueued,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        logger,
      });
