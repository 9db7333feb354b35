import { deepEqual, equal } from 'node:assert/strict';
import { failingPaths, issuesOf, withData } from './testing/codec.js';
import { orderCommandSamples } from './testing/order-samples.js';
import { OrderCommand, PlaceOrder } from './order-commands.codec.js';

const { marketBuy, limitBuy, marketSell, cancel } = orderCommandSamples;

describe('order commands', () => {
  it('refuses amounts Upbit would refuse for the order kind', () => {
    const bad = [
      withData(marketBuy, { totalKrw: null }),
      withData(marketBuy, { volume: '0.1' }),
      withData(limitBuy, { price: null }),
      withData(limitBuy, { totalKrw: '200000' }),
      withData(marketSell, { price: '95000000' }),
      withData(marketSell, { volume: null, totalKrw: '10000' }),
    ];
    for (const input of bad) deepEqual(failingPaths(PlaceOrder, input), ['data']);
  });
  it('names the nested field that is wrong', () => {
    // A nullable field reports both alternatives (`Price`, `null`) at the same path.
    const issues = issuesOf(OrderCommand, withData(limitBuy, { price: '-95000000' }));
    deepEqual(
      issues.map((i) => `${i.path}: ${i.expected}`),
      ['data.price: Price', 'data.price: null'],
    );
    deepEqual(failingPaths(OrderCommand, withData(cancel, { identifier: 'has space' })), [
      'data.identifier',
    ]);
    deepEqual(failingPaths(OrderCommand, withData(marketSell, { positionId: undefined })), [
      'data.positionId',
    ]);
  });
  it('refuses an unknown command type at `type`, listing the known ones', () => {
    const [issue] = issuesOf(OrderCommand, { ...cancel, type: 'AmendOrder' });
    equal(issue?.path, 'type');
    equal(issue?.expected, '"PlaceOrder" | "CancelOrder"');
    equal(issue?.received, '"AmendOrder"');
  });
});
