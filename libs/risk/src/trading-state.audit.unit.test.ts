import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { deciderSpec } from '@hoga/testkit';
import { dec, krw } from '@hoga/model';
import { decide } from './trading-state.decide.js';
import {
  evolve,
  initialTradingState,
  MAX_COMMAND_IDS_KEPT,
  MAX_TRANSITIONS_KEPT,
} from './trading-state.js';
import {
  arm,
  breach,
  decideOrThrow,
  disarm,
  eventsOf,
  halt,
  reduce,
  rejectedWith,
  resume,
  run,
  T0,
  T1,
} from './testing/trading-state.js';

const spec = deciderSpec({ initialState: initialTradingState, decide: decideOrThrow, evolve });

describe('trading state: arming and disarming the loss limit', () => {
  it('arms a limit on the equity and the holdings baseline given', () =>
    spec
      .given([])
      .when(arm('arm-1', '10', '10000000', '-5000'))
      .then([
        {
          type: 'LossLimitArmed',
          ratePct: dec('10'),
          equityAtArming: krw('10000000'),
          unrealizedPnlAtArming: krw('-5000'),
          armedAt: T0,
          by: 'cli:alice',
          reason: 'test arm-1',
          commandId: 'arm-1',
        },
      ]));

  it('folds an armed limit into the state', () =>
    spec
      .given([])
      .when(arm('arm-1', '10', '10000000'))
      .thenState({
        ...initialTradingState(),
        lossLimit: {
          armed: true,
          ratePct: dec('10'),
          equityAtArming: krw('10000000'),
          unrealizedPnlAtArming: krw('0'),
          armedAt: T0,
        },
        recentCommandIds: ['arm-1'],
      }));

  it('accepts a rate of exactly 100% and refuses 0%, negative and above 100%', () => {
    equal(decideOrThrow(arm('a', '100'), initialTradingState()).length, 1);
    for (const rate of ['0', '-1', '100.01'])
      spec.given([]).when(arm('a', rate)).thenThrows(rejectedWith('invalid-loss-limit-rate'));
  });

  it('refuses to arm on a non-positive equity', () =>
    spec
      .given([])
      .when(arm('a', '10', '0'))
      .thenThrows(rejectedWith('invalid-equity')));

  it('a breach marks the limit fired (armed: false) but keeps its rate for the re-arm', () => {
    const state = run([arm(), breach('-1000000')]);
    equal(state.tradingState, 'HALTED');
    equal(state.lossLimit?.armed, false);
    equal(state.lossLimit?.ratePct.toString(), '10');
  });

  it('disarms a configured limit; disarming none changes nothing', () => {
    spec
      .given(eventsOf([arm()]))
      .when(disarm())
      .then([
        {
          type: 'LossLimitDisarmed',
          by: 'cli:alice',
          reason: 'test disarm-1',
          at: T1,
          commandId: 'disarm-1',
        },
      ]);
    equal(run([arm(), disarm()]).lossLimit, null);
    spec.given([]).when(disarm()).then([]);
  });
});

describe('trading state: audit and idempotency', () => {
  it('refuses an operator command without a commandId, issuer or reason', () => {
    for (const field of ['commandId', 'issuedBy', 'reason'] as const) {
      const result = decide({ ...halt(), [field]: '  ' }, initialTradingState());
      ok(
        E.isLeft(result) &&
          result.left.code === 'missing-audit-field' &&
          result.left.field === field,
        field,
      );
    }
  });

  it('a repeated commandId is a no-op, even after the state moved on', () => {
    const afterResume = run([halt('h'), resume('r')]);
    spec
      .given(eventsOf([halt('h'), resume('r')]))
      .when(halt('h'))
      .then([]);
    deepStrictEqual(decide(halt('h'), afterResume), E.right([]));
    deepStrictEqual(decide(arm('arm-1', '5'), run([arm('arm-1')])), E.right([]));
  });

  it('records who moved the state, when and why', () => {
    const state = run([reduce('r1'), halt('h1')]);
    equal(state.since, T1);
    equal(state.reason, 'test h1');
    deepStrictEqual(
      state.lastTransitions.map((t) => [t.from, t.to, t.by, t.commandId]),
      [
        ['ACTIVE', 'REDUCING', 'cli:alice', 'r1'],
        ['REDUCING', 'HALTED', 'cli:alice', 'h1'],
      ],
    );
  });

  it('keeps a bounded number of transitions and command ids', () => {
    const commands = Array.from({ length: MAX_COMMAND_IDS_KEPT }, (_, i) =>
      i % 2 === 0 ? halt(`h${i}`) : resume(`r${i}`),
    );
    const state = run(commands);
    equal(state.lastTransitions.length, MAX_TRANSITIONS_KEPT);
    equal(state.lastTransitions.at(-1)?.commandId, `r${MAX_COMMAND_IDS_KEPT - 1}`);
    equal(state.recentCommandIds.length, MAX_COMMAND_IDS_KEPT);
    const next = run([halt('one-more')], state);
    equal(next.recentCommandIds.length, MAX_COMMAND_IDS_KEPT);
    ok(!next.recentCommandIds.includes('h0'), 'the oldest id is forgotten');
  });

  it('remembers each operator command id once, and no id for a breach', () => {
    // Given a limit that fired (its halt has no command id), When the operator resumes, whose
    // one command yields two events (the move and the re-arming), Then each id is kept once
    const state = run([arm('arm-1'), breach('-1000000'), resume('resume-1')]);
    deepStrictEqual(state.recentCommandIds, ['arm-1', 'resume-1']);
    equal(state.lossLimit?.armed, true);
  });

  it('starts ACTIVE for the reason "initial", with nothing recorded', () =>
    deepStrictEqual(initialTradingState(), {
      tradingState: 'ACTIVE',
      reason: 'initial',
      since: null,
      lossLimit: null,
      lastTransitions: [],
      recentCommandIds: [],
    }));
});
