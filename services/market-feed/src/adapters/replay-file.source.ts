import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Market } from '@hoga/model';
import {
  CandleMessageC,
  decodeFrame,
  OrderbookMessageC,
  TickerMessageC,
  TradeMessageC,
  type Clock,
  type CodecFor,
  type PublicWsMessage,
} from '@hoga/upbit';
import { ReplayPacer } from './replay-pacer.js';
import type { FeedSink, MarketDataSource } from './source.port.js';

/** The lines of a recording, read lazily (a day of trades is large); the file closes when done. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, 'utf8');
  try {
    yield* createInterface({ input, crlfDelay: Infinity });
  } finally {
    input.destroy();
  }
}

const codecFor: CodecFor<PublicWsMessage> = (type) => {
  if (type === 'trade') return TradeMessageC;
  if (type === 'ticker') return TickerMessageC;
  if (type === 'orderbook') return OrderbookMessageC;
  return type.startsWith('candle.') ? CandleMessageC : undefined;
};

/** Settings of a replay. */
export interface ReplaySourceOptions {
  /** The recording: NDJSON of Upbit WebSocket frames (DEFAULT or SIMPLE keys, lists allowed). */
  readonly lines: () => AsyncIterable<string>;
  /** Recorded speed × `speed`; 0 = as fast as possible. */
  readonly speed: number;
  readonly clock: Clock;
}

/**
 * Plays a recording of Upbit WebSocket frames. Each `trade` and `ticker` frame of a watched
 * market is delivered at its recorded send time (`timestamp`) scaled by the speed, and the feed's
 * time is the recorded time, so the same file always yields the same ticks and candles.
 * `orderbook`, `candle.*` and status lines are skipped; unreadable lines are reported as issues.
 */
export class ReplayFileSource implements MarketDataSource {
  readonly drivesTime = true;
  readonly ended: Promise<void>;
  #watched: ReadonlySet<Market> = new Set();
  #stopped = false;
  #begin: (sink: FeedSink) => void = () => undefined;

  constructor(private readonly options: ReplaySourceOptions) {
    this.ended = new Promise<FeedSink>((resolve) => (this.#begin = resolve)).then((sink) =>
      this.#play(sink),
    );
  }

  start(sink: FeedSink): void {
    this.#begin(sink);
  }

  watch(markets: ReadonlySet<Market>): void {
    this.#watched = markets;
  }

  async close(): Promise<void> {
    this.#stopped = true;
    this.#begin({ onMessage: () => undefined, onTime: () => undefined, onIssue: () => undefined });
    await this.ended.catch(() => undefined);
  }

  async #play(sink: FeedSink): Promise<void> {
    const pacer = new ReplayPacer(this.options.speed, this.options.clock);
    for await (const line of this.options.lines()) {
      if (this.#stopped) return;
      if (line.trim() === '') continue;
      const { messages, issues } = decodeFrame(line, codecFor);
      for (const issue of issues) sink.onIssue(issue);
      for (const m of messages) {
        if ((m.type !== 'trade' && m.type !== 'ticker') || !this.#watched.has(m.code as Market))
          continue;
        await pacer.waitFor(m.timestamp);
        if (this.#stopped) return;
        sink.onTime(m.timestamp);
        sink.onMessage(m, m.timestamp);
      }
    }
  }
}
