import { strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects, type AccountState } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { krw } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { eventually, turns } from '@hoga/testkit';
import { Harness } from '../testing/harness.js';
import { accountState, positionState } from '../testing/samples.js';

/** An account with `cash` KRW and `btc` coins the user holds or trades outside hoga. */
function withCoins(cash: string, btc: string): AccountState {
  const base = accountState(cash);
  const zero = krw(0);
  return {
    ...base,
    data: {
      ...base.data,
      balances: [
        ...base.data.balances,
        { currency: 'BTC', balance: krw(btc), locked: zero, avgBuyPrice: krw('100000000') },
      ],
    },
  };
}

/**
 * ADR 0027: the loss limit measures hoga's PnL only (realized since arming + unrealized of the
 * positions holding coins), against the equity at arming. Deposits, withdrawals and trades made
 * outside hoga change the account's equity (shown by `status`) but neither trigger nor hide a
 * breach; the operator re-arms to measure against a new equity.
 */
describe('risk-guard: the loss limit is not fooled by money hoga did not move (ADR 0027)', () => {
  let bus: Bus;
  let h: Harness;
  const publishPosition = (state: ReturnType<typeof positionState>) =>
    bus.publish(subjects.positionState(state.data.positionId), state);

  beforeEach(async () => {
    bus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
    h = await new Harness(bus, new InMemoryEventStore()).start();
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(h.service.guard.state.lossLimit?.armed, true));
  });
  afterEach(async () => {
    await h.stop();
    await h.close();
    await bus.close();
  });

  it("a withdrawal of 90 % of the KRW is no loss: ACTIVE, only hoga's loss counts, the equity shown drops", async () => {
    await publishPosition(positionState('pos-a', { volume: '0.001', unrealized: '-1000' }));
    await bus.publish(subjects.accountState(), accountState('100000'));
    await eventually(() => strictEqual(h.service.guard.equity?.totalKrw.toString(), '100000'));
    await turns(20);
    strictEqual(h.service.guard.state.tradingState, 'ACTIVE');
    strictEqual(h.service.guard.view().evaluation?.lossKrw.toString(), '1000');
    strictEqual(h.service.guard.state.lossLimit?.equityAtArming.toString(), '1000000');
  });

  it("a deposit does not hide hoga's loss: the limit stays 10 % of the equity at arming", async () => {
    await bus.publish(subjects.accountState(), accountState('6000000'));
    await eventually(() => strictEqual(h.service.guard.equity?.totalKrw.toString(), '6000000'));
    await publishPosition(positionState('pos-a', { volume: '0.01', unrealized: '-100000' }));
    await eventually(() => strictEqual(h.halts.length, 1));
    strictEqual(h.service.guard.state.tradingState, 'HALTED');
  });

  it('coins bought or sold outside hoga move the equity, not the loss', async () => {
    await bus.publish(subjects.accountState(), withCoins('500000', '0.005'));
    await eventually(() => strictEqual(h.service.guard.equity?.totalKrw.toString(), '1000000'));
    await bus.publish(subjects.accountState(), withCoins('1000000', '0'));
    await publishPosition(positionState('pos-a', { volume: '0.01', unrealized: '-99999' }));
    await eventually(() => strictEqual(h.service.guard.view().holdingPositions, 1));
    await turns(20);
    strictEqual(h.service.guard.state.tradingState, 'ACTIVE');
    strictEqual(h.service.guard.view().evaluation?.lossKrw.toString(), '99999');
  });
});
