import { deciderSpec } from '@hoga/testkit';
import { dec, krw } from '@hoga/model';
import { evolve, initialTradingState } from './trading-state.js';
import {
  arm,
  changed,
  decideOrThrow,
  eventsOf,
  halt,
  reduce,
  rejectedWith,
  resume,
  T2,
} from './testing/trading-state.js';

const spec = deciderSpec({ initialState: initialTradingState, decide: decideOrThrow, evolve });
describe('trading state: operator transitions', () => {
  it('ACTIVE -> HALTED on an operator halt', () =>
    spec
      .given([])
      .when(halt())
      .then([changed('ACTIVE', 'HALTED', 'halt-1')]));

  it('ACTIVE -> REDUCING on an operator reduce', () =>
    spec
      .given([])
      .when(reduce())
      .then([changed('ACTIVE', 'REDUCING', 'reduce-1')]));

  it('REDUCING -> HALTED on an operator halt', () =>
    spec
      .given(eventsOf([reduce()]))
      .when(halt())
      .then([changed('REDUCING', 'HALTED', 'halt-1')]));

  it('REDUCING -> ACTIVE on a resume, keeping the armed limit and its baseline', () =>
    spec
      .given(eventsOf([arm(), reduce()]))
      .when(resume())
      .then([changed('REDUCING', 'ACTIVE', 'resume-1', T2)]));

  it('HALTED -> ACTIVE on a resume (no limit configured: nothing to re-arm)', () =>
    spec
      .given(eventsOf([halt()]))
      .when(resume())
      .then([changed('HALTED', 'ACTIVE', 'resume-1', T2)]));

  it('HALTED -> ACTIVE on a resume re-arms the limit on the equity measured now', () =>
    spec
      .given(eventsOf([arm('arm-1', '7.5'), halt()]))
      .when(resume('resume-1', '9000000', '-120000'))
      .then([
        changed('HALTED', 'ACTIVE', 'resume-1', T2),
        {
          type: 'LossLimitArmed',
          ratePct: dec('7.5'),
          equityAtArming: krw('9000000'),
          unrealizedPnlAtArming: krw('-120000'),
          armedAt: T2,
          by: 'cli:alice',
          reason: 'test resume-1',
          commandId: 'resume-1',
        },
      ]));

  it('HALTED -> REDUCING is refused: only a resume leaves safe mode', () =>
    spec
      .given(eventsOf([halt()]))
      .when(reduce())
      .thenThrows(rejectedWith('illegal-transition')));

  it('a resume from HALTED on a non-positive equity is refused when a limit must be re-armed', () =>
    spec
      .given(eventsOf([arm(), halt()]))
      .when(resume('resume-1', '0'))
      .thenThrows(rejectedWith('invalid-equity')));

  for (const [name, history, command] of [
    ['halt while HALTED', [halt('h0')], halt()],
    ['reduce while REDUCING', [reduce('r0')], reduce()],
    ['resume while ACTIVE', [], resume()],
  ] as const)
    it(`${name} changes nothing`, () => spec.given(eventsOf(history)).when(command).then([]));
});
