import { subjects, type LogRecord } from '@hoga/contracts';
import type { Bus, Subscription } from '@hoga/bus';
import type { LivePublisher } from '../live/live-publisher.port.js';
import { logLineView } from './log-view.js';

/** Lines per second and service sent live at most; the rest are counted, not sent. */
export const LIVE_LINES_PER_SECOND = 50;

/** What live log lines skipped (a log storm), in total. */
export interface LiveLogStats {
  readonly sent: number;
  readonly skipped: number;
}

/** The channel of a service's live log lines. */
export const logsChannel = (service: string): string => `logs/${service}`;

/**
 * Puts the lines on `hoga.log.*.*` on `logs/<service>` (key: the line's id), at most
 * {@link LIVE_LINES_PER_SECOND} per service and second: beyond, lines are skipped and counted,
 * and when the second ends the channel gets `{ skipped: n }` (key `skipped-<time>`) so the page
 * can say so. A log storm costs clients a bounded rate, whatever the services log.
 */
export class LiveLogLines {
  readonly #sentThisSecond = new Map<string, number>();
  readonly #skippedThisSecond = new Map<string, number>();
  #sent = 0;
  #skipped = 0;
  #subscription: Subscription | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly live: LivePublisher,
    private readonly now: () => Date,
    private readonly perSecond = LIVE_LINES_PER_SECOND,
  ) {}

  async start(bus: Bus): Promise<void> {
    this.#timer = setInterval(() => this.#endSecond(), 1_000).unref();
    this.#subscription = await bus.subscribe(subjects.log('*', '*'), (d) => this.#take(d.data));
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#subscription?.unsubscribe();
  }

  stats(): LiveLogStats {
    return { sent: this.#sent, skipped: this.#skipped };
  }

  #take(record: LogRecord): void {
    const service = record.data.service;
    const sent = this.#sentThisSecond.get(service) ?? 0;
    if (sent >= this.perSecond) {
      this.#skippedThisSecond.set(service, (this.#skippedThisSecond.get(service) ?? 0) + 1);
      this.#skipped += 1;
      return;
    }
    this.#sentThisSecond.set(service, sent + 1);
    this.#sent += 1;
    this.live.publish(logsChannel(service), record.id, logLineView(record));
  }

  /** Closes the second: tells each channel what it skipped, and opens the next. */
  #endSecond(): void {
    const at = this.now().toISOString();
    for (const [service, skipped] of this.#skippedThisSecond)
      this.live.publish(logsChannel(service), `skipped-${at}`, { skipped, until: at });
    this.#skippedThisSecond.clear();
    this.#sentThisSecond.clear();
  }
}
