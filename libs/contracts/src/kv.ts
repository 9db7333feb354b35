import type { KvRoute } from './route.js';
import { RiskState } from './risk.codec.js';

/** The key of the trading state in the `hoga-risk` bucket. */
export const RISK_KV_KEY = 'trading';

/** Key-value buckets. */
export const kv = {
  /** Bucket `hoga-risk`: the risk guard's {@link RiskState} under {@link RISK_KV_KEY}. */
  risk: (): KvRoute<RiskState> => ({ bucket: 'hoga-risk', codec: RiskState, history: 10 }),
};
