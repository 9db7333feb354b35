import { deepEqual, ok, throws } from 'node:assert/strict';
import fc from 'fast-check';
import type { Market, PositionId } from '@hoga/model';
import { throughTheWire, wire } from './testing/codec.js';
import { orderEventSamples } from './testing/order-samples.js';
import { Tick } from './market-data.codec.js';
import { OrderEvent } from './order-events.codec.js';
import { subjects } from './subjects.js';
import { codecForSubject } from './subject-lookup.js';
import { isInvalidSubjectError } from './subject-token.js';

/** A decimal as Upbit writes it: digits, an optional fraction of up to `scale` digits. */
const decimal = (scale: number, min = 0) =>
  fc
    .tuple(fc.bigInt({ min: BigInt(min), max: 10n ** 12n }), fc.nat({ max: 10 ** scale - 1 }))
    .map(([int, frac]) =>
      frac === 0 ? `${int}` : `${int}.${String(frac).padStart(scale, '0')}`.replace(/0+$/, ''),
    );
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
const market = fc.stringMatching(/^[A-Z0-9]{1,10}$/).map((c) => `KRW-${c}`);
const iso = fc
  .integer({ min: Date.UTC(2020, 0), max: Date.UTC(2030, 0) })
  .map((ms) => new Date(ms).toISOString());

const tick = fc.record({
  market,
  price: decimal(8, 1),
  volume: decimal(8),
  side: fc.constantFrom('ask', 'bid'),
  tradeTimestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  sequentialId: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  bestBid: fc.option(decimal(4, 1), { nil: null }),
  bestAsk: fc.option(decimal(4, 1), { nil: null }),
});

/** Any order event: a sample of each type with its money, ids and times varied. */
const orderEvent = fc
  .record({
    type: fc.constantFrom(
      ...(Object.keys(orderEventSamples) as (keyof typeof orderEventSamples)[]),
    ),
    positionId: id,
    orderId: id,
    money: decimal(8),
    at: iso,
  })
  .map(({ type, positionId, orderId, money, at }) => {
    const sample = orderEventSamples[type];
    const data: Record<string, unknown> = {
      ...(sample.data as Record<string, unknown>),
      positionId,
      orderId,
    };
    for (const key of [
      'price',
      'volume',
      'funds',
      'fee',
      'executedVolume',
      'executedFunds',
      'paidFee',
    ])
      if (key in data) data[key] = key === 'price' && money === '0' ? '1' : money;
    if ('at' in data) data['at'] = at;
    return { ...sample, occurredAt: at, data };
  });

describe('codec properties', () => {
  it('every valid tick round-trips through JSON unchanged', () => {
    fc.assert(
      fc.property(tick, (data) => {
        const message = wire('Tick', { ...data });
        const { first, encoded, second } = throughTheWire(Tick, message);
        deepEqual(second, first);
        deepEqual(encoded, message);
      }),
    );
  });
  it('every valid order event round-trips through JSON unchanged', () => {
    fc.assert(
      fc.property(orderEvent, (message) => {
        const { first, encoded, second } = throughTheWire(OrderEvent, message);
        deepEqual(second, first);
        deepEqual(encoded, message);
        ok(codecForSubject(subjects.orderEvtFor(first.data.positionId, 16).subject) === OrderEvent);
      }),
    );
  });
  it('a position id with a separator or wildcard never makes a subject', () => {
    const poisoned = fc
      .tuple(id, fc.constantFrom('.', '*', '>', ' ', '\t', '\n'), fc.string())
      .map(([a, bad, b]) => `${a}${bad}${b}`);
    fc.assert(
      fc.property(poisoned, market, (p, m) => {
        throws(() => subjects.positionEvt(p as PositionId), isInvalidSubjectError);
        throws(() => subjects.mdCandle('1m', `${m}${p}` as Market), isInvalidSubjectError);
      }),
    );
  });
});
