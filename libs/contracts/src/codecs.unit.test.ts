import { deepEqual, equal, ok } from 'node:assert/strict';
import type * as t from 'io-ts';
import { throughTheWire } from './testing/codec.js';
import { orderCommandSamples, orderEventSamples } from './testing/order-samples.js';
import {
  accountRiskSamples,
  marketSamples,
  opsRequestSamples,
  opsTelemetrySamples,
} from './testing/samples.js';
import { Candle, Tick } from './market-data.codec.js';
import { OrderCommand } from './order-commands.codec.js';
import { OrderEvent } from './order-events.codec.js';
import { AccountState } from './account.codec.js';
import { RiskEvent, RiskHalt, RiskState } from './risk.codec.js';
import { LogRecord } from './log.codec.js';
import { Alert } from './alert.codec.js';
import { DeadLetter } from './dead-letter.codec.js';
import { OPS_ENDPOINTS, findOpsEndpoint } from './ops-catalog.js';

interface Sample {
  readonly type: string;
}
interface Case {
  readonly name: string;
  readonly check: () => void;
}

/** Decoded, encoded, sent as JSON text and decoded again: the same value and the same JSON. */
const roundTrip = <A, O>(name: string, codec: t.Type<A, O, unknown>, sample: Sample): Case => ({
  name: `${name} (${sample.type})`,
  check: () => {
    const { first, encoded, second } = throughTheWire(codec, sample);
    deepEqual(second, first);
    deepEqual(encoded, sample);
  },
});
const each = <A, O>(codec: t.Type<A, O, unknown>, samples: Record<string, Sample>): Case[] =>
  Object.entries(samples).map(([name, sample]) => roundTrip(name, codec, sample));

const cases: Case[] = [
  roundTrip('tick', Tick, marketSamples.tick),
  roundTrip('candle', Candle, marketSamples.candle),
  ...each(OrderCommand, orderCommandSamples),
  ...each(OrderEvent, orderEventSamples),
  roundTrip('account', AccountState, accountRiskSamples.account),
  roundTrip('risk state', RiskState, accountRiskSamples.riskState),
  roundTrip('unarmed risk state', RiskState, accountRiskSamples.unarmedRiskState),
  roundTrip('state changed', RiskEvent, accountRiskSamples.stateChanged),
  roundTrip('armed', RiskEvent, accountRiskSamples.armed),
  roundTrip('breached', RiskEvent, accountRiskSamples.breached),
  roundTrip('disarmed', RiskEvent, accountRiskSamples.disarmed),
  roundTrip('halt', RiskHalt, accountRiskSamples.halt),
  roundTrip('log', LogRecord, opsTelemetrySamples.log),
  roundTrip('alert', Alert, opsTelemetrySamples.alert),
  roundTrip('dead letter', DeadLetter, opsTelemetrySamples.deadLetter),
  ...Object.entries(opsRequestSamples).map(([endpoint, sample]) => {
    const [service = '', verb = ''] = endpoint.split('.');
    const codec = findOpsEndpoint(service, verb)?.request;
    if (!codec) throw new Error(`no endpoint ${endpoint}`);
    return roundTrip(endpoint, codec, sample);
  }),
];

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
