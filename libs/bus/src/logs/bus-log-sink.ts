import { randomBytes } from 'node:crypto';
import { subjects } from '@hoga/contracts';
import type { Bus } from '../bus.port.js';
import { messageOf } from '../bus.errors.js';
import { natsOpsAccess } from '../ops/nats-ops-access.js';
import { BoundedQueue } from './bounded-queue.js';
import { toLogRecord, type LogLine } from './log-line.js';
import { logStreamLimits, logStreamSpec, type LogStreamLimits } from './log-stream.js';

/** A line the sink writes about itself (a warn or an error): any logger sink takes it. */
export type SinkReport = LogLine & { readonly level: 'warn' | 'error' };

/** How a bus log sink queues, publishes and reports. */
export interface BusLogSinkOptions {
  /** The service whose name the sink's own reports carry. */
  readonly service: string;
  /** Where the sink reports what it dropped: the logger's other sinks (stdout, a file), never the bus. */
  readonly report: (line: SinkReport) => void;
  /** Lines queued at most (default 2,000); beyond, new lines are dropped and counted. */
  readonly maxQueued?: number;
  /** Bytes queued at most, as JSON (default 2 MiB); beyond, new lines are dropped and counted. */
  readonly maxQueuedBytes?: number;
  /** Lines published per turn before waiting for the server (default 100). */
  readonly batchSize?: number;
  /** How long the NATS server may take to confirm a batch before the bus counts as down (default 2 s). */
  readonly settleTimeoutMs?: number;
  /** While down, how often it asks the server again (default 500 ms). */
  readonly retryMs?: number;
  /** How often dropped lines are reported, when there were any (default 10 s). */
  readonly reportEveryMs?: number;
  readonly now?: () => Date;
}

/** What a bus log sink has done, for status endpoints. */
export interface BusLogSinkStats {
  /** Lines waiting to be published, and their bytes. */
  readonly queued: number;
  readonly queuedBytes: number;
  readonly published: number;
  /** Lines never published: the queue was full (a slow or absent server) or the sink detached. */
  readonly dropped: number;
  /** Lines the bus refused (not encodable, a bad service name, the bus closed). */
  readonly failed: number;
  /** False while no bus is attached or the server does not answer. */
  readonly publishing: boolean;
}

/**
 * A log sink that publishes each line on `hoga.log.<service>.<level>` (ADR 0042) without ever
 * blocking or slowing its logger: `write` only queues (bounded by count and bytes) and returns;
 * a pump publishes the queue in batches on later turns of the event loop and, on NATS, waits for
 * the server to confirm each batch. While the server is slow or down, nothing more is sent (the
 * client would buffer it) and new lines are dropped and counted; what was dropped is reported
 * periodically as a warn line to the other sinks and is in `stats()`.
 */
export interface BusLogSink {
  /** The sink to give the logger (a telemetry `LogSink`): queues the line and returns at once. */
  readonly write: (line: LogLine) => void;
  /**
   * Declares the LOGS stream with these limits (`logLimitsFromEnv`) and starts publishing on
   * `bus`, the lines queued before first.
   */
  attach(bus: Bus, limits?: Partial<LogStreamLimits>): Promise<void>;
  /** Publishes what is queued (for at most `timeoutMs`, default 2 s), then stops: call before closing the bus. */
  detach(timeoutMs?: number): Promise<void>;
  stats(): BusLogSinkStats;
}

const delay = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The JSON size of a line, roughly: what it weighs in the queue. */
function weigh(line: LogLine): number {
  let fields: number;
  try {
    fields = JSON.stringify(line.fields).length;
  } catch {
    fields = 1024;
  }
  return 256 + line.msg.length + fields;
}

/** Creates a {@link BusLogSink}; it queues until `attach`. */
export function createBusLogSink(options: BusLogSinkOptions): BusLogSink {
  return new QueuedBusLogSink(options);
}

class QueuedBusLogSink implements BusLogSink {
  readonly #queue: BoundedQueue<LogLine>;
  readonly #options: BusLogSinkOptions;
  readonly #idPrefix = randomBytes(6).toString('hex');
  readonly #timer: NodeJS.Timeout;
  #bus: Bus | undefined;
  #detached = false;
  #pumping = false;
  #down = false;
  #idle: (() => void)[] = [];
  #sequence = 0;
  #published = 0;
  #dropped = 0;
  #failed = 0;
  #reported = { dropped: 0, failed: 0 };

  constructor(options: BusLogSinkOptions) {
    this.#options = options;
    this.#queue = new BoundedQueue(options.maxQueued ?? 2_000, options.maxQueuedBytes ?? 2 << 20);
    this.#timer = setInterval(() => this.#report(), options.reportEveryMs ?? 10_000).unref();
  }

  readonly write = (line: LogLine): void => {
    if (this.#detached || !this.#queue.push(line, weigh(line))) {
      this.#dropped += 1;
      return;
    }
    this.#kick();
  };

  async attach(bus: Bus, limits: Partial<LogStreamLimits> = {}): Promise<void> {
    await bus.declareStream(logStreamSpec(logStreamLimits(limits)));
    if (this.#detached) return;
    this.#bus = bus;
    this.#kick();
  }

  async detach(timeoutMs = 2_000): Promise<void> {
    if (this.#detached) return;
    if (this.#bus !== undefined && (this.#pumping || this.#queue.length > 0))
      await Promise.race([
        new Promise<void>((resolve) => this.#idle.push(resolve)),
        delay(timeoutMs),
      ]);
    this.#detached = true;
    this.#bus = undefined;
    this.#dropped += this.#queue.clear();
    clearInterval(this.#timer);
    this.#report();
  }

  stats(): BusLogSinkStats {
    return {
      queued: this.#queue.length,
      queuedBytes: this.#queue.bytes,
      published: this.#published,
      dropped: this.#dropped,
      failed: this.#failed,
      publishing: this.#bus !== undefined && !this.#down,
    };
  }

  #kick(): void {
    if (this.#pumping || this.#bus === undefined || this.#queue.length === 0) return;
    this.#pumping = true;
    setImmediate(() => void this.#pump());
  }

  async #pump(): Promise<void> {
    try {
      for (let bus = this.#bus; bus !== undefined && this.#queue.length > 0; bus = this.#bus) {
        const batch = this.#queue.take(this.#options.batchSize ?? 100);
        const results = await Promise.allSettled(batch.map((line) => this.#publish(bus, line)));
        for (const r of results)
          if (r.status === 'fulfilled') this.#published += 1;
          else this.#failed += 1;
        await this.#settle(bus);
      }
    } catch (error) {
      // never expected (publish failures are counted above): say so once, keep the service alive
      this.#options.report(
        this.#line('error', 'logs: the bus log sink failed', { error: messageOf(error) }),
      );
    } finally {
      this.#pumping = false;
      if (this.#queue.length === 0 || this.#bus === undefined) {
        for (const resolve of this.#idle.splice(0)) resolve();
      } else this.#kick();
    }
  }

  #publish(bus: Bus, line: LogLine): Promise<void> {
    const id = `${this.#idPrefix}-${String(++this.#sequence)}`;
    return Promise.resolve().then(() =>
      bus.publish(subjects.log(line.service, line.level), toLogRecord(line, id)),
    );
  }

  /**
   * Waits until the server has what was sent (on NATS: a PING answered), so a slow or absent
   * server holds the pump, not the process's memory. In process there is nothing to wait for.
   */
  async #settle(bus: Bus): Promise<void> {
    const nc = natsOpsAccess(bus)?.nc;
    if (nc === undefined) return nextTurn();
    const settleMs = this.#options.settleTimeoutMs ?? 2_000;
    const retryMs = this.#options.retryMs ?? 500;
    const flush = (): Promise<boolean> =>
      nc.isClosed()
        ? Promise.resolve(false)
        : nc.flush().then(
            () => true,
            () => false,
          );
    let pending: Promise<boolean> | undefined = flush();
    if ((await Promise.race([pending, delay(settleMs)])) === true) return;
    this.#down = true;
    try {
      while (this.#bus === bus && !nc.isClosed()) {
        pending ??= flush();
        const answered = await Promise.race([pending, delay(retryMs)]);
        if (answered === true) return;
        if (answered === false) {
          pending = undefined;
          await delay(retryMs);
        }
      }
    } finally {
      this.#down = false;
    }
  }

  #report(): void {
    const dropped = this.#dropped - this.#reported.dropped;
    const failed = this.#failed - this.#reported.failed;
    if (dropped === 0 && failed === 0) return;
    this.#reported = { dropped: this.#dropped, failed: this.#failed };
    this.#options.report(
      this.#line('warn', 'logs: lines not published on the bus', {
        dropped,
        failed,
        droppedTotal: this.#dropped,
        failedTotal: this.#failed,
        queued: this.#queue.length,
        publishing: this.#bus !== undefined && !this.#down,
      }),
    );
  }

  #line(level: SinkReport['level'], msg: string, fields: LogLine['fields']): SinkReport {
    return {
      time: (this.#options.now?.() ?? new Date()).toISOString(),
      level,
      service: this.#options.service,
      msg,
      fields: { component: 'bus-log-sink', ...fields },
    };
  }
}
