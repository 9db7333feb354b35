import { deepStrictEqual } from 'node:assert/strict';
import { codesOf, context, limitBuy, marketBuy, marketSell } from './testing/pre-trade.js';

describe('pre-trade checks: access to the exchange', () => {
  it('denies entries while the key is refused, first and with its own code', () => {
    deepStrictEqual(codesOf(marketBuy('10000'), context({ exchangeAccess: 'credentials' })), [
      'exchange-access-lost',
    ]);
    deepStrictEqual(
      codesOf(
        marketBuy('10000'),
        context({ exchangeAccess: 'credentials', tradingState: 'HALTED' }),
      ),
      ['exchange-access-lost', 'trading-halted'],
    );
  });

  it('tells a missing order permission apart from a dead key', () => {
    deepStrictEqual(
      codesOf(limitBuy('100000000', '0.001'), context({ exchangeAccess: 'order-permission' })),
      ['exchange-order-permission-missing'],
    );
  });

  it('never denies an exit for access (the executor holds it until access returns)', () => {
    for (const exchangeAccess of ['ok', 'credentials', 'order-permission'] as const)
      deepStrictEqual(
        codesOf(marketSell('0.001'), context({ exchangeAccess })),
        [],
        exchangeAccess,
      );
  });

  it('passes entries with access ok or unknown to the caller (absent)', () => {
    deepStrictEqual(codesOf(marketBuy('10000'), context({ exchangeAccess: 'ok' })), []);
    deepStrictEqual(codesOf(marketBuy('10000'), context()), []);
  });
});
