import type { Market } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { PublicWsClient, type Clock, type SocketOptions } from '@hoga/upbit';
import type { FeedSink, MarketDataSource } from './source.port.js';

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
}

/**
 * Upbit's public WebSocket through the Stage 3 client (reconnect with full resubscribe, pings,
 * stall deadline), subscribed to `trade` frames of the watched markets. A reconnect snapshot
 * repeats the last trade; the handler drops it as a duplicate. When every market is unwatched the
 * client sends nothing (Upbit would refuse an empty code list), so frames of the old set may still
 * arrive; the handler drops frames of unwatched markets.
 */
export class UpbitWsSource implements MarketDataSource {
  readonly drivesTime = false;
  readonly ended: Promise<void>;
  readonly #client: PublicWsClient;
  readonly #subscribed = new Set<Market>();
  #end: () => void = () => undefined;

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
      if (m.type === 'trade' || m.type === 'ticker') sink.onMessage(m, clock.now());
    });
    this.#client.on('issue', (error) => sink.onIssue(error));
    this.#client.on('reconnected', ({ connection }) =>
      logger.info('market-feed: upbit connected', { connection, markets: this.#subscribed.size }),
    );
    this.#client.on('disconnected', ({ code, reason }) =>
      logger.warn('market-feed: upbit disconnected', { code, reason }),
    );
    this.#client.start();
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
