import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { RiskHalt } from '@hoga/contracts';
import { dec, type Market, type PositionId, type Price, type Volume } from '@hoga/model';
import type { Holding } from '@hoga/risk';
import { createLogger } from '@hoga/telemetry';
import type { RiskPublisher } from '../adapters/risk-publisher.js';
import type { RiskStream, StoredRiskEvent } from '../adapters/risk-stream.js';
import type { ArmingBaselines } from './arming-baselines.js';
import { RiskWriter } from './risk-writer.js';

const holding = (id: string, vol: string): Holding => ({
  positionId: id as PositionId,
  market: 'KRW-BTC' as Market,
  volume: dec(vol) as Volume,
  lastPrice: dec('100000000') as Price,
});

/** A risk stream whose appends commit only when the test says so (an fsync in flight). */
function slowStream() {
  const commits: (() => void)[] = [];
  const stream = {
    append: (events: readonly { type: string }[]) =>
      new Promise<StoredRiskEvent[]>((resolve) => {
        const stored = events.map((event, i) => ({
          envelope: { id: `risk-event-${i}`, type: event.type, data: {} },
          event,
        })) as unknown as StoredRiskEvent[];
        commits.push(() => resolve(stored));
      }),
  } as unknown as RiskStream;
  return { stream, commit: () => commits.shift()?.() };
}

describe('RiskWriter: a halt while its append commits', () => {
  it('plans the liquidation before the commit lands, from the holdings then, and sends it with the halt', async () => {
    const { stream, commit } = slowStream();
    const halts: RiskHalt['data'][] = [];
    const publisher = {
      state: () => Promise.resolve(),
      halt: (_: StoredRiskEvent, data: RiskHalt['data']) => {
        halts.push(data);
        return Promise.resolve();
      },
      alert: () => Promise.resolve(),
      events: () => Promise.resolve(),
    } as unknown as RiskPublisher;
    let holdings = [holding('pos-a', '0.01'), holding('pos-b', '0.02')];
    let asked = 0;
    const writer = new RiskWriter({
      stream,
      publisher,
      baselines: {} as ArmingBaselines,
      logger: createLogger({ service: 'test', sinks: [] }),
      now: () => new Date('2026-12-07T10:00:00Z'),
      ordersPerSecond: 12,
      active: () => true,
      view: () => ({}) as never,
      holdings: () => {
        asked += 1;
        return holdings;
      },
    });
    const outcome = writer.execute(
      () => ({
        type: 'HaltTrading',
        commandId: 'cmd-1',
        issuedBy: 'test',
        reason: 'test',
        at: '2026-12-07T10:00:00Z',
      }),
      null,
    );
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    strictEqual(asked, 1, 'the plan was made while the append was in flight');
    strictEqual(halts.length, 0, 'nothing announced before the commit');
    holdings = [];
    commit();
    const state = await outcome;
    strictEqual(E.isRight(state) && state.right.tradingState, 'HALTED');
    strictEqual(asked, 1, 'not planned again after the commit');
    deepStrictEqual(halts[0]?.liquidation, [
      { positionId: 'pos-b', notBeforeMs: 0 },
      { positionId: 'pos-a', notBeforeMs: 84 },
    ]);
  });
});
