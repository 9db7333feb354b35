import type { FaultSettings } from '../http/faults.js';
import type { GroupLimit, RateGroup, RateLimitSettings } from '../http/rate-limiter.js';

/** A market trade, as the admin API reports it. */
export interface TradeSummary {
  readonly market: string;
  readonly price: string;
  readonly volume: string;
  readonly askBid: 'ASK' | 'BID';
}

/** One currency of an account, as the admin API reports it. */
export interface BalanceSummary {
  readonly currency: string;
  readonly balance: string;
  readonly locked: string;
  readonly avgBuyPrice: string;
}

/** A market as `state()` reports it. */
export interface MarketSummary {
  readonly market: string;
  readonly price: string;
  readonly bestAsk: string;
  readonly bestBid: string;
  readonly tickSize: string;
}

/** What `state()` (and `GET /__admin/state`) reports. */
export interface EmulatorState {
  readonly running: boolean;
  readonly markets: readonly MarketSummary[];
  readonly accounts: ReadonlyArray<{
    readonly accessKey: string;
    readonly balances: readonly BalanceSummary[];
  }>;
  readonly faults: FaultSettings;
  readonly rateLimits: { readonly enabled: boolean };
  readonly connections: { readonly public: number; readonly private: number };
}

/** A change of rate limiting: any settings, and any subset of the group limits. */
export type RateLimitPatch = Partial<Omit<RateLimitSettings, 'groups'>> & {
  readonly groups?: Partial<Record<RateGroup, GroupLimit>>;
};

/** Which orders `orders()` lists. */
export interface OrderFilter {
  readonly accessKey?: string;
  readonly market?: string;
  readonly identifier?: string;
  readonly side?: 'bid' | 'ask';
}
