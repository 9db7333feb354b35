import { deepEqual, throws } from 'node:assert/strict';
import { isConfigError } from './load-config.js';
import { loadPriceSanity } from './price-sanity.config.js';

const plain = (s: ReturnType<typeof loadPriceSanity>) => ({ ...s, bandPct: s.bandPct.toString() });

describe('price sanity config (ADR 0024)', () => {
  it('defaults to ±10 %, the median of 5 trades, 2 confirming trades', () =>
    deepEqual(plain(loadPriceSanity({})), { bandPct: '10', window: 5, confirmTrades: 2 }));
  it('reads HOGA_PRICE_SANITY__* (0 confirming trades turns the hold off)', () =>
    deepEqual(
      plain(
        loadPriceSanity({
          HOGA_PRICE_SANITY__BAND_PCT: '2.5',
          HOGA_PRICE_SANITY__WINDOW: '9',
          HOGA_PRICE_SANITY__CONFIRM_TRADES: '0',
          HOGA_NATS__URL: 'ignored here',
          HOGA_POSITION_ACTOR__FEE_RATE: 'not this section',
        }),
      ),
      { bandPct: '2.5', window: 9, confirmTrades: 0 },
    ));
  for (const [name, value] of [
    ['BAND_PCT', '0'],
    ['BAND_PCT', '100'],
    ['BAND_PCT', 'ten'],
    ['WINDOW', '0'],
    ['CONFIRM_TRADES', '-1'],
    ['CONFIRM_TRADES', '1.5'],
  ] as const)
    it(`refuses ${name}=${value} with a ConfigError naming the field`, () =>
      throws(
        () => loadPriceSanity({ [`HOGA_PRICE_SANITY__${name}`]: value }),
        (e: unknown) => isConfigError(e) && /priceSanity/.test(e.message),
      ));
});
