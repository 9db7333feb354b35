import { randomUUID } from 'node:crypto';
import type { Bus } from '@hoga/bus';
import { HistoryInterval, subjects } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { ClosedCandle, HistoryRequirement, Interval } from '@hoga/position';
import type { Logger } from '@hoga/telemetry';

/** Most candles one history request may ask for (`GetCandleHistory.count`). */
const MAX_COUNT = 1000;

/**
 * Indicator warm-up from market-feed's closed-candle history
 * (`ops('market-feed','history')`). A request that fails (no responders, timeout, an error
 * reply) is logged and that interval stays cold: warm-up never blocks or fails an actor.
 */
export class HistoryWarmUp {
  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Closed candles (oldest first) per interval; an interval that could not be fetched is absent. */
  async fetch(
    market: Market,
    needs: readonly HistoryRequirement[],
  ): Promise<Map<Interval, ClosedCandle[]>> {
    const fetched = await Promise.all(needs.map((need) => this.#one(market, need)));
    return new Map(fetched.filter((f): f is [Interval, ClosedCandle[]] => f !== null));
  }

  async #one(
    market: Market,
    { interval, count }: HistoryRequirement,
  ): Promise<[Interval, ClosedCandle[]] | null> {
    if (!HistoryInterval.is(interval)) return null;
    const id = randomUUID();
    try {
      const reply = await this.bus.request(
        subjects.ops('market-feed', 'history'),
        {
          id,
          type: 'GetCandleHistory',
          occurredAt: new Date().toISOString(),
          causationId: null,
          correlationId: id,
          data: { market, interval, count: Math.min(count, MAX_COUNT), to: null },
        },
        { timeoutMs: this.timeoutMs },
      );
      if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
      const candles = reply.candles
        .filter((c) => c.closed)
        .map((c) => ({ start: Date.parse(c.openTime), close: c.close }));
      return [interval, candles];
    } catch (error) {
      this.logger.warn('indicator warm-up unavailable: starting cold', { market, interval, error });
      return null;
    }
  }
}
