import { deepEqual, equal, ok } from 'node:assert/strict';
import { decodeOrThrow } from '@hoga/model';
import { failingPaths, issuesOf, withData } from './testing/codec.js';
import { accountRiskSamples as s } from './testing/samples.js';
import { RiskEvent, RiskHalt, RiskState } from './risk.codec.js';

const limit = {
  armed: true,
  ratePct: '10',
  equityAtArming: '10000000',
  unrealizedPnlAtArming: '0',
  armedAt: '2026-11-23T10:00:00Z',
};
const withLimit = (patch: Record<string, unknown>) =>
  withData(s.riskState, { lossLimit: { ...limit, ...patch } });

describe('risk messages', () => {
  it('keeps the loss limit rate exact', () => {
    const state = decodeOrThrow(RiskState, withLimit({ ratePct: '7.35' }));
    equal(state.data.lossLimit?.ratePct.toString(), '7.35');
  });
  it('refuses a loss limit rate of 0 or above 100, and zero equity at arming', () => {
    for (const ratePct of ['0', '100.01', '-5'])
      deepEqual(failingPaths(RiskState, withLimit({ ratePct })), ['data.lossLimit.ratePct']);
    deepEqual(failingPaths(RiskState, withLimit({ equityAtArming: '0' })), [
      'data.lossLimit.equityAtArming',
    ]);
  });
  it('refuses an unknown trading state', () => {
    const [issue] = issuesOf(RiskState, withData(s.riskState, { state: 'PAUSED' }));
    deepEqual([issue?.path, issue?.expected], ['data.state', 'TradingState']);
  });
  it('names the bad figure inside a breach evaluation', () => {
    const breached = s.breached.data as { evaluation: Record<string, unknown> };
    const evaluation = { ...breached.evaluation, lossKrw: '-1', breached: 'yes' };
    deepEqual(failingPaths(RiskEvent, withData(s.breached, { evaluation })).sort(), [
      'data.evaluation.breached',
      'data.evaluation.lossKrw',
    ]);
  });
  it('requires who armed the limit and the command id', () => {
    const paths = failingPaths(RiskEvent, withData(s.armed, { by: '', commandId: null }));
    deepEqual(paths.sort(), ['data.by', 'data.commandId']);
  });
  it('refuses a halt with an unknown cause', () => {
    deepEqual(failingPaths(RiskHalt, withData(s.halt, { cause: 'boredom' })), ['data.cause']);
    ok(RiskHalt.is(decodeOrThrow(RiskHalt, s.halt)));
  });
  it('carries the liquidation order of a halt, possibly empty', () => {
    const halt = decodeOrThrow(RiskHalt, s.halt);
    deepEqual(
      halt.data.liquidation.map((l) => [l.positionId, l.notBeforeMs]),
      [
        ['pos-big', 0],
        ['pos-small', 84],
      ],
    );
    equal(
      decodeOrThrow(RiskHalt, withData(s.halt, { liquidation: [] })).data.liquidation.length,
      0,
    );
    deepEqual(failingPaths(RiskHalt, withData(s.halt, { liquidation: undefined })), [
      'data.liquidation',
    ]);
    const bad = [{ positionId: 'a.b', notBeforeMs: -1 }];
    deepEqual(failingPaths(RiskHalt, withData(s.halt, { liquidation: bad })).sort(), [
      'data.liquidation[0].notBeforeMs',
      'data.liquidation[0].positionId',
    ]);
  });
});
