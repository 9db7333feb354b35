import { deepEqual, equal, ok } from 'node:assert/strict';
import { failingPaths, issuesOf, withData } from './testing/codec.js';
import { orderEventSamples as s } from './testing/order-samples.js';
import { OrderEvent } from './order-events.codec.js';
import { ORDER_DENIAL_REASONS } from './order-denial.codec.js';

describe('order events', () => {
  it('names a bad field nested two levels down', () => {
    const rejected = withData(s.OrderRejected, { error: { name: '', message: 'x' } });
    deepEqual(failingPaths(OrderEvent, rejected), ['data.error.name']);
  });
  it('refuses negative fills and fees', () => {
    deepEqual(failingPaths(OrderEvent, withData(s.OrderFilled, { fee: '-0.1' })), ['data.fee']);
    deepEqual(failingPaths(OrderEvent, withData(s.OrderFilled, { volume: '-1' })), ['data.volume']);
  });
  it('reports every bad field, not only the first', () => {
    const input = withData(s.OrderCompleted, {
      state: 'wait',
      tradesCount: '1',
      paidFee: undefined,
    });
    deepEqual(failingPaths(OrderEvent, input).sort(), [
      'data.paidFee',
      'data.state',
      'data.tradesCount',
    ]);
  });
  it('accepts only the typed denial reasons', () => {
    ok(ORDER_DENIAL_REASONS.includes('under-min-total'));
    const [issue] = issuesOf(OrderEvent, withData(s.OrderDenied, { reason: 'because' }));
    equal(issue?.path, 'data.reason');
    equal(issue?.expected, 'OrderDenialReason');
  });
  it('refuses an event of the wrong kind for its data', () => {
    deepEqual(failingPaths(OrderEvent, { ...s.OrderCancelled, type: 'OrderAccepted' }).sort(), [
      'data.exchangeOrderId',
      'data.identifier',
      'data.via',
    ]);
    deepEqual(failingPaths(OrderEvent, { ...s.OrderAccepted, type: 'PlaceOrder' }), ['type']);
  });
});
