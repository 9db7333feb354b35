import { deepEqual, equal } from 'node:assert/strict';
import { limitBuy, orderIdOf } from './testing/commands.js';
import { eventually } from '@hoga/testkit';
import { Harness } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';

/** Small book levels: a resting 0.012 BTC bid at 99,000,000 fills in three trades. */
const SMALL_LEVELS = {
  markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '500000' } }],
};
const THREE_FILLS = [
  'OrderAccepted',
  'OrderFilled',
  'OrderFilled',
  'OrderFilled',
  'OrderCompleted',
];

describe('order-executor: fills from myOrder and from REST (in-process bus)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('in-process', SMALL_LEVELS);
    await h.setTradingState('ACTIVE');
  });
  afterEach(() => h.dispose());

  async function restingBuy(positionId: string): Promise<string> {
    await h.send(limitBuy(positionId, '99000000', '0.012'));
    const orderId = orderIdOf(positionId);
    await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderAccepted']));
    return orderId;
  }

  const tradeThreeTimes = () => {
    for (const price of ['98900000', '98800000', '98700000']) h.em.admin.setPrice('KRW-BTC', price);
  };

  it('#6 the private WebSocket is down while fills happen: the REST sync after the reconnect records each once', async () => {
    await h.startExecutor({ executor: { pollIntervalMs: 60_000 } }); // no periodic poll
    const orderId = await restingBuy('p-ws-down');
    h.em.admin.setFaults({ refuseWebSockets: true });
    h.em.admin.dropWebSockets('private');
    await eventually(() => equal(h.em.admin.connections().private, 0));
    tradeThreeTimes();
    deepEqual(h.events.typesOf(orderId), ['OrderAccepted'], 'no frame reached the executor');
    h.em.admin.setFaults({ refuseWebSockets: false });
    await eventually(() => deepEqual(h.events.typesOf(orderId), THREE_FILLS));
    deepEqual(
      (await h.trades(orderId)).map((t) => t.source),
      ['rest', 'rest', 'rest'],
    );
    equal((await h.order(orderId))?.state, 'done');
    await assertExactlyOnce(h, orderId, 1);
  });

  it('myOrder and a fast REST poll both see every fill: each trade is recorded and published once', async () => {
    await h.startExecutor({ executor: { pollIntervalMs: 20 } });
    const orderId = await restingBuy('p-race');
    tradeThreeTimes();
    await eventually(() => deepEqual(h.events.typesOf(orderId), THREE_FILLS));
    equal((await h.trades(orderId)).length, 3);
    await assertExactlyOnce(h, orderId, 1);
  });
});
