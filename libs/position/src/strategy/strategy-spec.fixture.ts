/** A valid strategy in its JSON form, and builders of variants (test fixture; not exported). */
export const VALID_SPEC = {
  id: 'btc-rsi-dip',
  market: 'KRW-BTC',
  budgetKrw: '200000',
  entry: {
    all: [
      { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: 30 },
      {
        indicator: 'price',
        op: 'crossesAbove',
        ref: { indicator: 'ema', period: 20, interval: '1m' },
      },
    ],
  },
  exit: { takeProfitPct: 3, stopLossPct: '5', trailingStopPct: 2, trailingActivationPct: 1 },
};
type Json = Readonly<Record<string, unknown>>;
export const withExit = (exit: Json) => ({ ...VALID_SPEC, exit });
export const withEntry = (entry: unknown) => ({ ...VALID_SPEC, entry });
/** The valid spec with a single-leaf `all` entry. */
export const withLeaf = (fields: Json) => withEntry({ all: [fields] });
