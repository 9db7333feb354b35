import { deepEqual, equal, ok } from 'node:assert/strict';
import { dec, isOnTickGrid } from '@hoga/model';
import { SyntheticBook, levelSize } from './synthetic-book.js';

const PARAMS = { levels: 30, levelKrw: dec('10000000'), halfSpreadTicks: 1 };

describe('synthetic order book', () => {
  it('puts the best ask and bid one tick around the last price', () => {
    const book = new SyntheticBook(dec('140000000'), PARAMS);
    equal(book.bestAsk.toString(), '140001000');
    equal(book.bestBid.toString(), '139999000');
  });

  it('lays 30 on-grid levels per side, asks rising and bids falling, across band boundaries', () => {
    const book = new SyntheticBook(dec('1000000'), PARAMS);
    equal(book.asks.length, 30);
    equal(book.bids.length, 30);
    for (const l of [...book.asks, ...book.bids]) ok(isOnTickGrid(l.price), l.price.toString());
    for (let i = 1; i < 30; i++) {
      ok(book.asks[i]!.price.gt(book.asks[i - 1]!.price));
      ok(book.bids[i]!.price.lt(book.bids[i - 1]!.price));
    }
    deepEqual(
      book.bids.slice(0, 2).map((l) => l.price.toString()),
      ['999500', '999000'],
    );
  });

  it('holds levelKrw of volume per level, truncated to 8 decimals', () => {
    equal(levelSize(PARAMS, dec('140001000')).toString(), '0.07142806');
    const book = new SyntheticBook(dec('3000'), PARAMS);
    equal(
      book.asks[0]!.size.toString(),
      dec('10000000').div(3001).toDecimalPlaces(8, 1).toString(),
    );
  });

  it('widens the spread with halfSpreadTicks', () => {
    const book = new SyntheticBook(dec('5000'), { ...PARAMS, halfSpreadTicks: 3 });
    equal(book.bestAsk.toString(), '5015');
    equal(book.bestBid.toString(), '4997');
  });

  it('totals a side', () => {
    const book = new SyntheticBook(dec('100000'), { ...PARAMS, levels: 2 });
    equal(book.total('asks').toString(), book.asks[0]!.size.plus(book.asks[1]!.size).toString());
  });
});
