import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { Market, PositionId } from '@hoga/model';
import { codecForSubject, decodeForSubject } from './subject-lookup.js';
import { subjects } from './subjects.js';
import { withData } from './testing/codec.js';
import { marketSamples, opsRequestSamples } from './testing/samples.js';
import { orderEventSamples } from './testing/order-samples.js';
import { RunStrategy } from './ops.codec.js';

const BTC = 'KRW-BTC' as Market;
const P1 = 'pos-1' as PositionId;

describe('codecForSubject', () => {
  it('finds the codec of every concrete subject the registry builds', () => {
    const routes = [
      subjects.mdTick(BTC),
      subjects.mdCandle('15m', BTC),
      subjects.orderCmd(),
      subjects.orderEvtFor(P1, 16),
      subjects.orderEvtUnpartitioned(P1),
      subjects.positionState(P1),
      subjects.positionEvt(P1),
      subjects.accountState(),
      subjects.riskState(),
      subjects.riskHalt(),
      subjects.riskEvt(),
      subjects.log('market-feed', 'debug'),
      subjects.alert('warning'),
      subjects.deadLetter('hoga.order.evt.3.pos-1'),
      subjects.deadLetter('hoga.order.evt.pos-1'),
    ];
    for (const r of routes) equal(codecForSubject(r.subject), r.codec, r.subject);
    equal(codecForSubject(subjects.ops('position-actor', 'run').subject), RunStrategy);
  });
  it('knows nothing of other subjects, wildcards or bad tokens', () => {
    const unknown = [
      'hoga.md.tick',
      'hoga.md.tick.KRW-BTC.extra',
      'hoga.md.tick.*',
      'hoga.order.evt.>',
      'hoga.order.evt.*.pos-1',
      'hoga.order.evt.01.pos-1',
      'hoga.order.evt.4096.pos-1',
      'hoga.order.evt.1.2.pos-1',
      'hoga.md.tick.btc',
      'hoga.md.trade.KRW-BTC',
      'hoga.ops.risk-guard.close',
      'hoga.ops.risk-guard',
      'hoga.dlq',
      'other.md.tick.KRW-BTC',
      '',
    ];
    for (const s of unknown) equal(codecForSubject(s), undefined, s);
  });
  it('decodes a payload by its subject with readable failures', () => {
    const tick = subjects.mdTick(BTC).subject;
    ok(E.isRight(decodeForSubject(tick, marketSamples.tick) ?? E.left(null)));
    const bad = decodeForSubject(tick, withData(marketSamples.tick, { price: '-1' }));
    ok(bad && E.isLeft(bad));
    deepEqual(
      bad.left.issues.map((i) => i.path),
      ['data.price'],
    );
    const evt = decodeForSubject('hoga.order.evt.12.pos-1', orderEventSamples.OrderFilled);
    ok(evt && E.isRight(evt));
    const unpartitioned = decodeForSubject('hoga.order.evt.pos-1', orderEventSamples.OrderFilled);
    ok(unpartitioned && E.isRight(unpartitioned));
    const close = decodeForSubject(
      'hoga.ops.position-actor.close',
      opsRequestSamples['position-actor.close'],
    );
    ok(close && E.isRight(close));
    equal(decodeForSubject('hoga.nope', {}), undefined);
  });
});
