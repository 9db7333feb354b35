import { equal, ok, throws } from 'node:assert/strict';
import { orderEventId } from './event-ids.js';

describe('orderEventId', () => {
  it('is the same for the same fact, and differs per kind and per trade', () => {
    equal(orderEventId('o-1', 'accepted'), orderEventId('o-1', 'accepted'));
    equal(orderEventId('o-1', 'filled', 't-1'), 'o-1.filled.t-1');
    ok(orderEventId('o-1', 'filled', 't-1') !== orderEventId('o-1', 'filled', 't-2'));
    ok(orderEventId('o-1', 'accepted') !== orderEventId('o-1', 'completed'));
  });

  it('stays within 128 characters for the longest ids, still per trade', () => {
    const orderId = 'o'.repeat(64);
    const a = orderEventId(orderId, 'filled', 'a'.repeat(64));
    const b = orderEventId(orderId, 'filled', 'b'.repeat(64));
    ok(a.length <= 128 && b.length <= 128 && a !== b);
  });

  it('refuses a fill without its trade', () => {
    throws(() => orderEventId('o-1', 'filled'));
  });
});
