import { deciderSpec } from '@hoga/testkit';
import { dec, krw } from '@hoga/model';
import { evaluateLossLimit } from './loss-limit.js';
import { evolve, initialTradingState } from './trading-state.js';
import type {
  LossLimitBreached,
  TradingStateChanged,
  TradingStateName,
} from './trading-state.events.js';
import {
  arm,
  breach,
  changed,
  decideOrThrow,
  eventsOf,
  figures,
  halt,
  reduce,
  rejectedWith,
  resume,
  T1,
} from './testing/trading-state.js';

const spec = deciderSpec({ initialState: initialTradingState, decide: decideOrThrow, evolve });

describe('trading state: loss-limit breach', () => {
  const armTen = arm('arm-1', '10', '10000000');
  const breachedAt = (unrealized: string): LossLimitBreached => ({
    type: 'LossLimitBreached',
    ratePct: dec('10'),
    equityAtArming: krw('10000000'),
    unrealizedPnlAtArming: krw('0'),
    evaluation: evaluateLossLimit(
      { ratePct: dec('10'), equityAtArming: krw('10000000'), unrealizedPnlAtArming: krw('0') },
      figures(unrealized),
    ),
    at: T1,
  });
  const haltedByLimit = (from: TradingStateName): TradingStateChanged => ({
    ...changed(from, 'HALTED', null, T1, 'loss-limit'),
    reason: 'loss limit breached: lost 10% (limit 10%)',
  });

  it('ACTIVE -> HALTED when the loss reaches the limit exactly', () =>
    spec
      .given(eventsOf([armTen]))
      .when(breach('-1000000'))
      .then([breachedAt('-1000000'), haltedByLimit('ACTIVE')]));

  it('REDUCING -> HALTED on a breach', () =>
    spec
      .given(eventsOf([armTen, reduce()]))
      .when(breach('-1000000'))
      .then([breachedAt('-1000000'), haltedByLimit('REDUCING')]));

  it('a breach while HALTED records the breach and moves nothing', () =>
    spec
      .given(eventsOf([armTen, halt()]))
      .when(breach('-1000000'))
      .then([breachedAt('-1000000')]));

  it('a second breach of a limit that already fired does nothing new', () =>
    spec
      .given(eventsOf([armTen, breach('-1000000')]))
      .when(breach('-2000000'))
      .then([]));

  it('refuses a breach whose figures do not reach the limit', () =>
    spec
      .given(eventsOf([armTen]))
      .when(breach('-999999.99'))
      .thenThrows(rejectedWith('loss-limit-not-breached')));

  it('refuses a breach when no limit is configured', () =>
    spec.given([]).when(breach('-1000000')).thenThrows(rejectedWith('loss-limit-not-armed')));

  it('after a resume the limit measures from the new baseline', () => {
    const history = eventsOf([
      armTen,
      breach('-1000000'),
      resume('resume-1', '9000000', '-300000'),
    ]);
    // 9,000,000 x 10% = 900,000 of new loss; -300,000 was already there at re-arming.
    spec
      .given(history)
      .when(breach('-1199999'))
      .thenThrows(rejectedWith('loss-limit-not-breached'));
    spec
      .given(history)
      .when(breach('-1200000'))
      .then([
        {
          type: 'LossLimitBreached',
          ratePct: dec('10'),
          equityAtArming: krw('9000000'),
          unrealizedPnlAtArming: krw('-300000'),
          evaluation: evaluateLossLimit(
            {
              ratePct: dec('10'),
              equityAtArming: krw('9000000'),
              unrealizedPnlAtArming: krw('-300000'),
            },
            figures('-1200000'),
          ),
          at: T1,
        },
        haltedByLimit('ACTIVE'),
      ]);
  });
});
