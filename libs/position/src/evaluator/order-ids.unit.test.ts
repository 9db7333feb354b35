import { equal, notEqual, ok } from 'node:assert/strict';
import { isRight } from 'fp-ts/lib/Either.js';
import { OrderId, type PositionId } from '@hoga/model';
import { eventIdFor, orderIdFor } from './order-ids.js';

describe('order ids', () => {
  it('derive from position, leg and attempt', () => {
    equal(orderIdFor('pos-1' as PositionId, 'entry', 1), 'pos-1-e1');
    equal(orderIdFor('pos-1' as PositionId, 'exit', 2), 'pos-1-x2');
    equal(eventIdFor('pos-1' as PositionId, 7), 'pos-1:7');
  });
  it('stay valid and within 64 characters for the longest position ids, and distinct', () => {
    const long = `p${'a'.repeat(63)}` as PositionId;
    const other = `p${'a'.repeat(62)}b` as PositionId;
    for (const id of [orderIdFor(long, 'exit', 12345), orderIdFor(long, 'entry', 1)]) {
      ok(id.length <= 64, id);
      ok(isRight(OrderId.decode(id)), id);
    }
    notEqual(orderIdFor(long, 'exit', 2), orderIdFor(other, 'exit', 2));
    notEqual(orderIdFor(long, 'exit', 2), orderIdFor(long, 'exit', 3));
    equal(orderIdFor(long, 'exit', 2), orderIdFor(long, 'exit', 2));
  });
});
