import type { Market } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { PublicWsClient, UpbitWsStallError, type Clock, type SocketOptions } from '@hoga/upbit';
import { RESYNC_TRADES, tradesAsFrames, type RecentTrades } from './rest-resync.js';
import type { TradeBearingMessage } from '../domain/normalize-trade.js';
import type { FeedSink, MarketDataSource, SourceHealth } from './source.port.js';

/** Frames kept while a resync reads REST (a few seconds of the busiest markets). */
const MAX_HELD = 10_000;

/** Settings of the Upbit source. */
export interface UpbitSourceOptions {
  /** `wss://api.upbit.com/websocket/v1`, or the emulator's. */
  readonly url: string;
  /** Wire format; frames are handed out in DEFAULT shape either way. */
  readonly format: 'DEFAULT' | 'SIMPLE';
  readonly clock: Clock;
  readonly logger: Logger;
  /** Connection tuning (stall deadline, backoff); the client's defaults otherwise. */
  readonly socket?: SocketOptions;
  /** Least spacing between subscription requests (Upbit: 5 messages/s). */
  readonly minRequestIntervalMs?: number;
  /** Recent trades from REST, to resync each market after a reconnect (absent: no resync). */
  readonly recentTrades?: RecentTrades;
}

/**
 * Upbit's public WebSocket through the Stage 3 client (reconnect with full resubscribe, pings,
 * stall deadline: a silent socket is replaced within 12 s), subscribed to `trade` frames of the
 * watched markets. After a reconnect the trades missed meanwhile are read over REST and handed
 * over oldest first, the new connection's frames held until then; the reconnect snapshot then
 * repeats the last trade and the handler drops it as a duplicate. When every market is unwatched the
 * client sends nothing (Upbit would refuse an empty code list), so frames of the old set may still
 * arrive; the handler drops frames of unwatched markets.
 */
export class UpbitWsSource implements MarketDataSource {
  readonly drivesTime = false;
  readonly ended: Promise<void>;
  readonly #client: PublicWsClient;
  readonly #subscribed = new Set<Market>();
  #end: () => void = () => undefined;
  #health = { connected: false, connections: 0, stalls: 0, resyncs: 0 };
  /** Frames that came while a resync reads REST: handed over after it, in order. */
  #held: TradeBearingMessage[] | undefined;

  constructor(private readonly options: UpbitSourceOptions) {
    this.#client = new PublicWsClient({
      url: options.url,
      format: options.format,
      ...options.socket,
      ...(options.minRequestIntervalMs === undefined
        ? {}
        : { minRequestIntervalMs: options.minRequestIntervalMs }),
    });
    this.ended = new Promise((resolve) => (this.#end = resolve));
  }

  start(sink: FeedSink): void {
    const { clock, logger } = this.options;
    this.#client.on('message', (m) => {
      if (m.type !== 'trade' && m.type !== 'ticker') return;
      if (this.#held === undefined) return sink.onMessage(m, clock.now());
      if (this.#held.length < MAX_HELD) this.#held.push(m);
    });
    this.#client.on('issue', (error) => {
      if (error instanceof UpbitWsStallError) this.#health.stalls += 1;
      sink.onIssue(error);
    });
    this.#client.on('reconnected', ({ connection }) => {
      this.#health = { ...this.#health, connected: true, connections: connection };
      logger.info('market-feed: upbit connected', { connection, markets: this.#subscribed.size });
      if (connection > 1) void this.#resync(sink);
    });
    this.#client.on('disconnected', ({ code, reason }) => {
      this.#health.connected = false;
      logger.warn('market-feed: upbit disconnected', { code, reason });
    });
    this.#client.start();
  }

  health(): SourceHealth {
    return { kind: 'upbit', ...this.#health };
  }

  /**
   * After a reconnect, the trades missed while the socket was down or silent come from REST
   * (`GET /v1/trades/ticks`), oldest first, through the same handler: a stop that a missed trade
   * crossed still fires. A market that cannot be read is logged and left to the live frames.
   */
  async #resync(sink: FeedSink): Promise<void> {
    const recent = this.options.recentTrades;
    if (recent === undefined || this.#held !== undefined) return;
    this.#health.resyncs += 1;
    this.#held = []; // the snapshot of the new connection waits: older trades go first
    try {
      for (const market of [...this.#subscribed]) {
        try {
          const frames = tradesAsFrames(await recent(market, RESYNC_TRADES));
          for (const frame of frames) sink.onMessage(frame, this.options.clock.now());
        } catch (error) {
          this.options.logger.warn('market-feed: REST resync failed', { market, error });
        }
      }
    } finally {
      const held = this.#held;
      this.#held = undefined;
      for (const m of held) sink.onMessage(m, this.options.clock.now());
    }
  }

  watch(markets: ReadonlySet<Market>): void {
    const added = [...markets].filter((m) => !this.#subscribed.has(m));
    const removed = [...this.#subscribed].filter((m) => !markets.has(m));
    for (const m of added) this.#subscribed.add(m);
    for (const m of removed) this.#subscribed.delete(m);
    if (removed.length > 0) this.#client.unsubscribe('trade', removed);
    if (added.length > 0) this.#client.subscribe('trade', added);
  }

  async close(): Promise<void> {
    await this.#client.close();
    this.#end();
  }
}
