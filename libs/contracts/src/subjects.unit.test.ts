import { deepEqual, equal, ok, throws } from 'node:assert/strict';
import type { Market, PositionId } from '@hoga/model';
import { deadLetterOriginal, isDeadLetterSubject, subjects } from './subjects.js';
import { partitionOf } from './partition-of.js';
import { kv, RISK_KV_KEY } from './kv.js';
import { ALL_STREAMS, STREAMS } from './streams.js';
import { isInvalidSubjectError } from './subject-token.js';
import { Tick } from './market-data.codec.js';
import { OrderEvent } from './order-events.codec.js';
import { RiskState } from './risk.codec.js';
import { ClosePosition, PositionCommandReply } from './ops.codec.js';
import type { Route } from './route.js';

const BTC = 'KRW-BTC' as Market;
const P1 = 'pos-1' as PositionId;

/** NATS matching: `*` is one token, `>` one or more trailing tokens. */
const matches = (filter: string, subject: string): boolean => {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
};

describe('subject registry', () => {
  it('spells the subjects of ARCHITECTURE §4', () => {
    deepEqual(
      [
        subjects.mdTick(BTC),
        subjects.mdCandle('1m', BTC),
        subjects.orderCmd(),
        subjects.orderEvt(7, P1),
        subjects.positionState(P1),
        subjects.positionEvt(P1),
        subjects.accountState(),
        subjects.riskState(),
        subjects.ops('risk-guard', 'halt'),
        subjects.log('order-executor', 'error'),
        subjects.alert('urgent'),
      ].map((r) => r.subject),
      [
        'hoga.md.tick.KRW-BTC',
        'hoga.md.candle.1m.KRW-BTC',
        'hoga.order.cmd',
        'hoga.order.evt.7.pos-1',
        'hoga.position.state.pos-1',
        'hoga.position.evt.pos-1',
        'hoga.account.state',
        'hoga.risk.state',
        'hoga.ops.risk-guard.halt',
        'hoga.log.order-executor.error',
        'hoga.alert.urgent',
      ],
    );
    equal(subjects.riskHalt().subject, 'hoga.risk.halt');
    equal(subjects.riskEvt().subject, 'hoga.risk.evt');
    equal(subjects.deadLetter('hoga.md.tick.KRW-BTC').subject, 'hoga.dlq.hoga.md.tick.KRW-BTC');
  });
  it('pairs each subject with its codec and kind', () => {
    equal(subjects.mdTick(BTC).codec, Tick);
    equal(subjects.orderEvt('*', '*').codec, OrderEvent);
    equal(subjects.riskState().codec, RiskState);
    deepEqual(
      [subjects.mdTick(BTC), subjects.orderCmd(), subjects.positionState(P1)].map((r) => r.kind),
      ['core', 'jetstream', 'core'],
    );
    const close = subjects.ops('position-actor', 'close');
    equal(close.request, ClosePosition);
    equal(close.reply, PositionCommandReply);
  });
  it('builds wildcard subscriptions', () => {
    equal(subjects.mdTick('*').subject, 'hoga.md.tick.*');
    equal(subjects.mdCandle('*', '*').subject, 'hoga.md.candle.*.*');
    equal(subjects.mdCandle('5m', '*').subject, 'hoga.md.candle.5m.*');
    equal(subjects.positionState('*').subject, 'hoga.position.state.*');
    equal(subjects.log('*', 'error').subject, 'hoga.log.*.error');
    equal(subjects.alert('*').subject, 'hoga.alert.*');
    equal(subjects.deadLetter('>').subject, 'hoga.dlq.>');
    equal(subjects.orderEvt('*', '*').subject, 'hoga.order.evt.*.*');
    equal(subjects.orderEvt(3, '*').subject, 'hoga.order.evt.3.*');
    ok(matches(subjects.orderEvt('*', '*').subject, subjects.orderEvtFor(P1, 16).subject));
  });
  it("puts an order event on its position's partition, by the one partition rule (ADR 0065)", () => {
    for (const count of [1, 2, 16, 100, 4096]) {
      const p = partitionOf(P1, count);
      equal(subjects.orderEvtFor(P1, count).subject, `hoga.order.evt.${p}.pos-1`);
      ok(matches(subjects.orderEvt(p, '*').subject, subjects.orderEvtFor(P1, count).subject));
    }
    equal(subjects.orderEvtFor(P1, 1).subject, 'hoga.order.evt.0.pos-1');
    equal(subjects.orderEvtUnpartitioned(P1).subject, 'hoga.order.evt.pos-1');
    for (const count of [0, -1, 1.5, 4097, Number.NaN])
      throws(() => subjects.orderEvtFor(P1, count), isInvalidSubjectError, String(count));
    for (const p of [-1, 1.5, 4096, Number.NaN])
      throws(() => subjects.orderEvt(p, P1), isInvalidSubjectError, String(p));
  });
  it('throws a typed error on a bad token', () => {
    const bad: (() => unknown)[] = [
      () => subjects.mdTick('KRW-BTC.X' as Market),
      () => subjects.mdTick('>' as Market),
      () => subjects.mdTick('' as Market),
      () => subjects.mdTick('krw-btc' as Market),
      () => subjects.orderEvt(1, 'pos 1' as PositionId),
      () => subjects.orderEvtFor('pos.1' as PositionId, 16),
      () => subjects.positionEvt('pos.1' as PositionId),
      () => subjects.positionState('po*' as PositionId),
      () => subjects.mdCandle('2m' as '1m', BTC),
      () => subjects.log('order.executor', 'info'),
      () => subjects.log('order-executor', 'loud' as 'info'),
      () => subjects.alert('panic' as 'info'),
      () => subjects.ops('risk-guard', 'close' as 'halt'),
      () => subjects.deadLetter('hoga.>.tick'),
      () => subjects.deadLetter('hoga..x'),
      () => subjects.deadLetter('hoga.dlq.hoga.order.cmd'),
    ];
    for (const build of bad) throws(build, isInvalidSubjectError, build.toString());
  });
  it('builds dead-letter filters for subscribing to a subtree', () => {
    equal(subjects.deadLetter('hoga.md.tick.*').subject, 'hoga.dlq.hoga.md.tick.*');
    equal(subjects.deadLetter('hoga.order.>').subject, 'hoga.dlq.hoga.order.>');
  });
  it('puts every JetStream subject in exactly one stream of the right retention', () => {
    const durable: Pick<Route<unknown>, 'subject' | 'stream'>[] = [
      subjects.orderCmd(),
      subjects.orderEvtFor(P1, 16),
      subjects.orderEvtUnpartitioned(P1),
      subjects.positionEvt(P1),
      subjects.riskState(),
      subjects.riskHalt(),
      subjects.riskEvt(),
      subjects.alert('critical'),
      subjects.deadLetter('hoga.order.cmd'),
      subjects.log('order-executor', 'error'),
    ];
    for (const route of durable) {
      const owners = ALL_STREAMS.filter((s) => s.subjects.some((f) => matches(f, route.subject)));
      deepEqual(owners, [route.stream], route.subject);
    }
    equal(STREAMS.orderCommands.retention, 'workqueue');
    equal(STREAMS.orderCommands.maxAgeMs, 0);
    ok(ALL_STREAMS.every((s) => s.duplicateWindowMs >= 60_000));
    ok(
      ALL_STREAMS.filter((s) => s !== STREAMS.orderCommands).every((s) => s.retention === 'limits'),
    );
    equal(new Set(ALL_STREAMS.map((s) => s.name)).size, ALL_STREAMS.length);
  });
  it('keeps log lines in the LOGS stream, bounded by age and bytes (ADR 0042)', () => {
    const route = subjects.log('*', '*');
    equal(route.subject, 'hoga.log.*.*');
    equal(route.stream, STREAMS.logs);
    ok(STREAMS.logs.maxAgeMs > 0);
    ok(STREAMS.logs.maxBytes > 0);
    // Nothing else in the streams captures a log line, and the logs capture nothing else.
    for (const other of ALL_STREAMS.filter((s) => s !== STREAMS.logs))
      ok(!other.subjects.some((f) => matches(f, 'hoga.log.market-feed.info')), other.name);
    ok(!matches(STREAMS.logs.subjects[0] ?? '', 'hoga.dlq.hoga.log.market-feed.info'));
  });
  it('tells dead-letter subjects apart and recovers the original', () => {
    const dlq = subjects.deadLetter('hoga.order.evt.pos-1').subject;
    equal(isDeadLetterSubject(dlq), true);
    equal(isDeadLetterSubject('hoga.order.evt.pos-1'), false);
    equal(deadLetterOriginal(dlq), 'hoga.order.evt.pos-1');
    equal(deadLetterOriginal('hoga.order.cmd'), undefined);
  });
  it('names the risk bucket and key', () => {
    deepEqual(kv.risk(), { bucket: 'hoga-risk', codec: RiskState, history: 10 });
    ok(/^[-/_=.a-zA-Z0-9]+$/.test(RISK_KV_KEY));
  });
});
