import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { decodeOrThrow, decodeWith } from '@hoga/model';
import { failingPaths, withData } from './testing/codec.js';
import { opsReplySamples, opsRequestSamples as s } from './testing/samples.js';
import { ClosePosition, RiskStatusReply, PositionCommandReply, RunStrategy } from './ops.codec.js';
import { opsFailure, OpsFailure } from './ops-reply.codec.js';
import { findOpsEndpoint } from './ops-catalog.js';

describe('operator requests and replies', () => {
  it('require a command id and an issuer on every state-changing request', () => {
    const close = s['position-actor.close'];
    deepEqual(failingPaths(ClosePosition, withData(close, { commandId: undefined })), [
      'data.commandId',
    ]);
    deepEqual(failingPaths(ClosePosition, withData(close, { issuedBy: '' })), ['data.issuedBy']);
    deepEqual(failingPaths(ClosePosition, withData(close, { positionId: 'a.b' })), [
      'data.positionId',
    ]);
  });
  it('requires a strategy spec object to run a strategy', () => {
    const run = s['position-actor.run'];
    for (const strategy of [undefined, 'btc-dip', null])
      deepEqual(failingPaths(RunStrategy, withData(run, { strategy })), ['data.strategy']);
  });
  it('refuses a loss limit rate out of (0, 100]', () => {
    const arm = findOpsEndpoint('risk-guard', 'arm')?.request;
    ok(arm);
    deepEqual(failingPaths(arm, withData(s['risk-guard.arm'], { ratePct: '0' })), ['data.ratePct']);
  });
  it('round-trips a success and a failure reply', () => {
    const okReply = { ok: true, positionId: 'pos-1' };
    deepEqual(PositionCommandReply.encode(decodeOrThrow(PositionCommandReply, okReply)), okReply);
    const failed = opsFailure('conflict', 'position pos-1 is closed');
    deepEqual(decodeOrThrow(PositionCommandReply, JSON.parse(JSON.stringify(failed))), failed);
    equal(OpsFailure.is(failed), true);
  });
  it('names what a success reply lacks, and refuses an unknown error code', () => {
    deepEqual(failingPaths(RiskStatusReply, { ok: true }).sort(), [
      'equityKrw',
      'lastTransitions',
      'leader',
      'risk',
    ]);
    const bad = { ok: false, error: { code: 'oops', message: '' } };
    deepEqual(failingPaths(RiskStatusReply, bad), ['error.code']);
    const r = decodeWith(RiskStatusReply, { ok: 'yes' });
    ok(E.isLeft(r));
    deepEqual(r.left.issues, [{ path: 'ok', expected: 'true | false', received: '"yes"' }]);
  });
  it('carries the equity and the last transitions in a risk status reply', () => {
    const wire = opsReplySamples['risk-guard.status'];
    const reply = decodeOrThrow(RiskStatusReply, wire);
    ok(reply.ok);
    equal(reply.equityKrw?.toString(), '10250000.5');
    deepEqual(
      reply.lastTransitions.map((t) => [t.from, t.to, t.by]),
      [
        ['ACTIVE', 'REDUCING', 'cli:alice'],
        ['REDUCING', 'HALTED', 'loss-limit'],
      ],
    );
    deepEqual(JSON.parse(JSON.stringify(RiskStatusReply.encode(reply))), wire);
    const unknown = decodeOrThrow(RiskStatusReply, {
      ...wire,
      equityKrw: null,
      lastTransitions: [],
    });
    ok(unknown.ok);
    equal(unknown.equityKrw, null);
  });
  it('names the instance that answered a risk status, and since when it leads', () => {
    const wire = opsReplySamples['risk-guard.status'];
    const reply = decodeOrThrow(RiskStatusReply, wire);
    ok(reply.ok);
    deepEqual(reply.leader, { instanceId: 'rg-b.desk:4242', since: '2026-11-23T09:58:30.000Z' });
    const withLeader = (leader: unknown) => ({ ...wire, leader });
    deepEqual(failingPaths(RiskStatusReply, withLeader(undefined)), ['leader']);
    deepEqual(failingPaths(RiskStatusReply, withLeader(null)), ['leader']);
    deepEqual(failingPaths(RiskStatusReply, withLeader({ ...wire.leader, instanceId: '' })), [
      'leader.instanceId',
    ]);
    deepEqual(failingPaths(RiskStatusReply, withLeader({ ...wire.leader, instanceId: 7 })), [
      'leader.instanceId',
    ]);
    for (const since of ['2026-11-23 09:58:30', '2026-11-23T09:58:30', 'yesterday', null])
      deepEqual(failingPaths(RiskStatusReply, withLeader({ ...wire.leader, since })), [
        'leader.since',
      ]);
    deepEqual(failingPaths(RiskStatusReply, withLeader({ instanceId: 'rg-b' })), ['leader.since']);
  });
  it('drops unknown fields of the leader, as every strict codec does', () => {
    const wire = opsReplySamples['risk-guard.status'];
    const reply = decodeOrThrow(RiskStatusReply, { ...wire, leader: { ...wire.leader, pid: 1 } });
    ok(reply.ok);
    deepEqual(reply.leader, wire.leader);
  });
  it('names a bad transition inside a risk status reply', () => {
    const wire = opsReplySamples['risk-guard.status'];
    const [first, second] = wire.lastTransitions;
    const bad = { ...wire, lastTransitions: [first, { ...second, to: 'PAUSED', by: '' }] };
    deepEqual(failingPaths(RiskStatusReply, bad).sort(), [
      'lastTransitions[1].by',
      'lastTransitions[1].to',
    ]);
  });
  it('knows each endpoint once, and no others', () => {
    ok(findOpsEndpoint('position-actor', 'retry-close'));
    equal(findOpsEndpoint('position-actor', 'toString'), undefined);
    equal(findOpsEndpoint('risk-guard', 'close'), undefined);
    ok(findOpsEndpoint('order-executor', 'status'));
    equal(findOpsEndpoint('order-executor', 'halt'), undefined);
  });
});
