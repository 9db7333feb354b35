import { deepEqual, equal, ok } from 'node:assert/strict';
import { throughTheWire } from './testing/codec.js';
import { MESSAGE_SAMPLES } from './testing/message-samples.js';
import { orderEventSamples } from './testing/order-samples.js';
import { opsRequestSamples } from './testing/samples.js';
import { OrderEvent } from './order-events.codec.js';
import { OPS_ENDPOINTS } from './ops-catalog.js';

interface Case {
  readonly name: string;
  readonly check: () => void;
}

/** Decoded, encoded, sent as JSON text and decoded again: the same value and the same JSON. */
const cases: Case[] = MESSAGE_SAMPLES.map(({ name, codec, sample }) => ({
  name: `${name} (${sample.type})`,
  check: () => {
    const { first, encoded, second } = throughTheWire(codec, sample);
    deepEqual(second, first);
    deepEqual(encoded, sample);
  },
}));

describe('every message codec', () => {
  for (const { name, check } of cases) it(`round-trips ${name} through JSON unchanged`, check);

  it('decodes money to exact decimals, never floats', () => {
    const { first } = throughTheWire(OrderEvent, orderEventSamples.OrderFilled);
    ok(first.type === 'OrderFilled');
    equal(first.data.fee.toString(), '99.99985');
    equal(first.data.funds.plus(first.data.fee).toString(), '200099.69985');
  });

  it('has a sample of every order event and every operator endpoint', () => {
    deepEqual(Object.keys(orderEventSamples).sort(), [
      'OrderAccepted',
      'OrderCancelled',
      'OrderCompleted',
      'OrderDenied',
      'OrderFilled',
      'OrderNotPlaced',
      'OrderRejected',
      'OrderUnknown',
    ]);
    deepEqual(
      OPS_ENDPOINTS.map((e) => `${e.service}.${e.verb}`).sort(),
      Object.keys(opsRequestSamples).sort(),
    );
  });
});
