import type * as t from 'io-ts';
import { AccountState } from '../account.codec.js';
import { Alert } from '../alert.codec.js';
import { DeadLetter } from '../dead-letter.codec.js';
import { LogRecord } from '../log.codec.js';
import { Candle, Tick } from '../market-data.codec.js';
import { findOpsEndpoint } from '../ops-catalog.js';
import { OrderCommand } from '../order-commands.codec.js';
import { OrderEvent } from '../order-events.codec.js';
import { RiskEvent, RiskHalt, RiskState } from '../risk.codec.js';
import { orderCommandSamples, orderEventSamples } from './order-samples.js';
import {
  accountRiskSamples,
  marketSamples,
  opsRequestSamples,
  opsTelemetrySamples,
} from './samples.js';

/** One valid message on the wire (JSON data) and the codec of its route. */
export interface MessageSample {
  readonly name: string;
  readonly codec: t.Type<unknown, unknown, unknown>;
  readonly sample: { readonly type: string };
}

const one = <A, O>(
  name: string,
  codec: t.Type<A, O, unknown>,
  sample: { readonly type: string },
): MessageSample => ({ name, codec: codec as t.Type<unknown, unknown, unknown>, sample });

const each = <A, O>(
  codec: t.Type<A, O, unknown>,
  samples: Record<string, { readonly type: string }>,
): MessageSample[] => Object.entries(samples).map(([name, sample]) => one(name, codec, sample));

/** A sample of every message the bus carries, with its codec. */
export const MESSAGE_SAMPLES: readonly MessageSample[] = [
  one('tick', Tick, marketSamples.tick),
  one('candle', Candle, marketSamples.candle),
  ...each(OrderCommand, orderCommandSamples),
  ...each(OrderEvent, orderEventSamples),
  one('account', AccountState, accountRiskSamples.account),
  one('risk state', RiskState, accountRiskSamples.riskState),
  one('unarmed risk state', RiskState, accountRiskSamples.unarmedRiskState),
  one('state changed', RiskEvent, accountRiskSamples.stateChanged),
  one('armed', RiskEvent, accountRiskSamples.armed),
  one('breached', RiskEvent, accountRiskSamples.breached),
  one('disarmed', RiskEvent, accountRiskSamples.disarmed),
  one('halt', RiskHalt, accountRiskSamples.halt),
  one('log', LogRecord, opsTelemetrySamples.log),
  one('alert', Alert, opsTelemetrySamples.alert),
  one('dead letter', DeadLetter, opsTelemetrySamples.deadLetter),
  ...Object.entries(opsRequestSamples).map(([endpoint, sample]) => {
    const [service = '', verb = ''] = endpoint.split('.');
    const codec = findOpsEndpoint(service, verb)?.request;
    if (!codec) throw new Error(`no endpoint ${endpoint}`);
    return one(endpoint, codec, sample);
  }),
];
