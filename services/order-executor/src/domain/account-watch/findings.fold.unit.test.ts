import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { AccountFindingEvent } from '@hoga/contracts';
import { dec, krw, volume } from '@hoga/model';
import { decideAck } from './acknowledge.rule.js';
import {
  actionsDue,
  evolveFindings,
  foreignTrades,
  openFindings,
  type Findings,
} from './findings.fold.js';
import { foreignOrderFinding, type SeenOrder } from './foreign-order.rule.js';

const seen = (uuid: string, side: 'bid' | 'ask', executed: string, funds: string): SeenOrder => ({
  uuid,
  identifier: null,
  market: 'KRW-BTC',
  side,
  ordType: 'limit',
  price: dec('100000000'),
  volume: volume('0.01'),
  state: 'done',
  executedVolume: volume(executed),
  executedFunds: krw(funds),
  createdAt: '2026-12-06T19:00:00+09:00',
});
const env = (i: number) => ({
  id: `e-${i}`,
  occurredAt: '2026-12-06T10:00:00.000Z',
  causationId: null,
  correlationId: `e-${i}`,
});
const recorded = (o: SeenOrder, policy: 'alert' | 'halt' = 'alert'): AccountFindingEvent => ({
  ...env(1),
  type: 'AccountFindingRecorded',
  data: { finding: foreignOrderFinding(o, 'open-orders', new Date(0), policy) },
});
const fold = (events: AccountFindingEvent[]): Findings =>
  events.reduce<Findings>(evolveFindings, new Map());
const ack = (
  findingId: string,
  commandId: string,
  reason: string | null = 'seen: my own trade',
) => ({
  findingId,
  commandId,
  issuedBy: 'cli:alice',
  reason,
});

describe('account findings: fold and acknowledgement (pure)', () => {
  it('a recorded finding is open; a second record of it changes nothing', () => {
    const s = fold([recorded(seen('a', 'bid', '0', '0')), recorded(seen('a', 'bid', '0.01', '1'))]);
    equal(openFindings(s).length, 1);
    equal(openFindings(s)[0]?.finding.executedVolume?.toFixed(), '0');
  });

  it('an acknowledgement closes it, records who and why, and a repeat of the same command is a no-op', () => {
    let s = fold([recorded(seen('a', 'bid', '0', '0'))]);
    const decided = decideAck(s, ack('foreign-order:a', 'c1'));
    ok(E.isRight(decided) && decided.right !== null);
    s = evolveFindings(s, {
      ...env(2),
      type: 'AccountFindingAcknowledged',
      data: { ...decided.right, at: '2026-12-06T10:01:00.000Z' },
    });
    deepEqual(openFindings(s), []);
    deepEqual(s.get('foreign-order:a')?.view.acknowledged, {
      issuedBy: 'cli:alice',
      reason: 'seen: my own trade',
      at: '2026-12-06T10:01:00.000Z',
    });
    deepEqual(decideAck(s, ack('foreign-order:a', 'c1')), E.right(null));
    const other = decideAck(s, ack('foreign-order:a', 'c2'));
    ok(E.isLeft(other) && other.left.code === 'conflict');
  });

  it('refuses a blank reason and an unknown finding', () => {
    const s = fold([recorded(seen('a', 'bid', '0', '0'))]);
    const blank = decideAck(s, ack('foreign-order:a', 'c1', '  '));
    ok(E.isLeft(blank) && blank.left.code === 'bad-request');
    const missing = decideAck(s, ack('foreign-order:zz', 'c1', null));
    ok(E.isLeft(missing) && missing.left.code === 'bad-request');
    const unknown = decideAck(s, ack('foreign-order:zz', 'c1'));
    ok(E.isLeft(unknown) && unknown.left.code === 'not-found');
  });

  it('a halt policy is due until the action is recorded, and not once acknowledged', () => {
    let s = fold([recorded(seen('a', 'bid', '0', '0'), 'halt')]);
    equal(actionsDue(s).length, 1);
    s = evolveFindings(s, {
      ...env(3),
      type: 'AccountFindingActed',
      data: {
        findingId: 'foreign-order:a',
        action: 'halt',
        tradingState: 'HALTED',
        at: '2026-12-06T10:00:02.000Z',
      },
    });
    deepEqual(actionsDue(s), []);
    equal(s.get('foreign-order:a')?.view.action?.tradingState, 'HALTED');
  });

  it('foreign trades are summed per market and side, apart from hoga, acknowledged ones included', () => {
    const s = fold([
      recorded(seen('a', 'bid', '0.01', '1000000')),
      recorded(seen('b', 'ask', '0.004', '400000')),
      recorded(seen('c', 'bid', '0', '0')),
    ]);
    const [row] = foreignTrades(s);
    deepEqual(
      [
        row?.boughtVolume.toFixed(),
        row?.boughtKrw.toFixed(),
        row?.soldVolume.toFixed(),
        row?.soldKrw.toFixed(),
      ],
      ['0.01', '1000000', '0.004', '400000'],
    );
  });

  it('an update changes the figures of the finding, not its identity', () => {
    const s = evolveFindings(fold([recorded(seen('a', 'bid', '0', '0'))]), {
      ...env(4),
      type: 'AccountFindingUpdated',
      data: {
        findingId: 'foreign-order:a',
        state: 'done',
        executedVolume: volume('0.01'),
        executedFunds: krw('1000000'),
        seenAt: '2026-12-06T10:05:00.000Z',
      },
    });
    equal(openFindings(s)[0]?.finding.state, 'done');
    equal(foreignTrades(s)[0]?.boughtKrw.toFixed(), '1000000');
  });
});
