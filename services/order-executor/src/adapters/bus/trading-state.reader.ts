import type { Bus, KvBucket } from '@hoga/bus';
import { kv, RISK_KV_KEY, type RiskState } from '@hoga/contracts';
import type { TradingStateName } from '@hoga/risk';
import type { Logger } from '@hoga/telemetry';

/** The trading state, or `unreadable` when the KV has none or cannot be read. */
export type TradingStateReading = TradingStateName | 'unreadable';

/**
 * Reads the risk guard's trading state from KV `hoga-risk` (key `trading`) on every call, so a
 * halt takes effect on the next order. Anything but a readable value is `unreadable`, which the
 * pre-trade check treats as HALTED for entries (fail closed).
 */
export class TradingStateReader {
  #bucket: Promise<KvBucket<RiskState>> | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  async read(): Promise<TradingStateReading> {
    try {
      this.#bucket ??= this.bus.kv(kv.risk());
      const entry = await (await this.#bucket).get(RISK_KV_KEY);
      return entry?.value.data.state ?? 'unreadable';
    } catch (error) {
      this.#bucket = undefined;
      this.logger.warn('trading state not readable: entries are denied', { error });
      return 'unreadable';
    }
  }
}
