import { deepEqual, equal, ok } from 'node:assert/strict';
import type { OrderDenied } from '@hoga/contracts';
import { marketBuy, marketSell, orderIdOf } from './testing/commands.js';
import { eventually } from '@hoga/testkit';
import { Harness } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';

describe('order-executor: pre-trade checks and rejections (in-process bus)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('in-process');
    await h.startExecutor();
  });
  afterEach(() => h.dispose());

  /** Waits for the order's single event and returns it as a denial. */
  async function denial(orderId: string): Promise<OrderDenied> {
    const [event] = await eventually(() => {
      deepEqual(h.events.typesOf(orderId), ['OrderDenied']);
      return h.events.of(orderId);
    });
    ok(event?.type === 'OrderDenied');
    equal((await h.order(orderId))?.state, 'denied');
    await assertExactlyOnce(h, orderId, 0);
    return event;
  }

  it('HALTED: an entry is denied with its reason, an exit passes', async () => {
    await h.setTradingState('HALTED');
    await h.send(marketBuy('p-halted', '100000'));
    equal((await denial(orderIdOf('p-halted'))).data.reason, 'trading-halted');
    await h.send(marketSell('p-exit', '0.001'));
    const exitId = orderIdOf('p-exit', 'exit');
    await eventually(async () => equal((await h.order(exitId))?.state, 'done'));
    await assertExactlyOnce(h, exitId, 1);
  });

  it('REDUCING denies entries as trading-reducing', async () => {
    await h.setTradingState('REDUCING');
    await h.send(marketBuy('p-reducing', '100000'));
    equal((await denial(orderIdOf('p-reducing'))).data.reason, 'trading-reducing');
  });

  it('no readable trading state: entries fail closed', async () => {
    await h.send(marketBuy('p-no-state', '100000'));
    const denied = await denial(orderIdOf('p-no-state'));
    equal(denied.data.reason, 'trading-halted');
    ok(denied.data.detail.startsWith('trading state not readable'), denied.data.detail);
  });

  it('under 5,000 KRW is denied before Upbit', async () => {
    await h.setTradingState('ACTIVE');
    await h.send(marketBuy('p-small', '4000'));
    equal((await denial(orderIdOf('p-small'))).data.reason, 'under-min-total');
  });

  it('more KRW than available (with the fee reserved) is denied', async () => {
    await h.setTradingState('ACTIVE');
    await h.send(marketBuy('p-rich', '9999000'));
    const denied = await denial(orderIdOf('p-rich'));
    equal(denied.data.reason, 'insufficient-balance');
    ok(denied.data.detail.includes('KRW'), denied.data.detail);
  });

  it('Upbit rejects what the checks cannot see: OrderRejected with its error name', async () => {
    // A market sell's total is unknown before it trades; Upbit values it at the best bid.
    await h.send(marketSell('p-tiny', '0.00001'));
    const orderId = orderIdOf('p-tiny', 'exit');
    const [event] = await eventually(() => {
      deepEqual(h.events.typesOf(orderId), ['OrderRejected']);
      return h.events.of(orderId);
    });
    ok(event?.type === 'OrderRejected');
    deepEqual([event.data.error.name, event.data.httpStatus], ['under_min_total_ask', 400]);
    equal((await h.order(orderId))?.state, 'rejected');
    await assertExactlyOnce(h, orderId, 0);
  });
});
