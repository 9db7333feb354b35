import { strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { createTestSchema, eventually, type TestSchema } from '@hoga/testkit';
import { Harness } from './testing/harness.js';
import { appendPosition, enteredEvents, exitEvents } from './testing/position-history.js';
import { accountState, positionState, publishPosition } from './testing/samples.js';

const A = 'pos-rb-a' as PositionId;
const B = 'pos-rb-b' as PositionId;
const C = 'pos-rb-c' as PositionId;

/**
 * 0.002 BTC bought at 100,000,000 (cost 200,000 + fee 100) and sold at 60,000,000
 * (120,000 - fee 60): realized -80,160 KRW.
 */
const LOSS = '-80160';

describe('risk-guard: realized PnL settled while it was stopped (PostgreSQL event store)', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let bus: Bus;

  beforeEach(async () => {
    schema = await createTestSchema('risk_baselines');
    store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
    await store.migrate();
    bus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
    await schema.dispose();
  });

  it('a loss realized during the downtime counts after the restart; one realized before arming does not', async () => {
    // C lost before the limit was armed: that loss is inside the equity at arming.
    const cVersion = await appendPosition(store, C, enteredEvents(C, '0.002', '100000000'), 0);
    await appendPosition(store, C, exitEvents(C, '0.002', '60000000'), cVersion);
    const aVersion = await appendPosition(store, A, enteredEvents(A, '0.002', '100000000'), 0);
    const first = await new Harness(bus, store).start({ baselinePollMs: 20 });
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(first.service.guard.state.lossLimit?.armed, true));
    await publishPosition(
      bus,
      positionState(A, { volume: '0.002', unrealized: '-100', version: aVersion }),
    );
    await eventually(() => strictEqual(first.service.guard.view().holdingPositions, 1));
    await first.stop();

    // While risk-guard is down, A is sold at a 40 % loss.
    const closed = await appendPosition(store, A, exitEvents(A, '0.002', '60000000'), aVersion);

    const second = await new Harness(bus, store).start({ baselinePollMs: 20 });
    await publishPosition(
      bus,
      positionState(C, {
        volume: '0',
        unrealized: '0',
        realized: LOSS,
        status: 'closed',
        version: 10,
      }),
    );
    await publishPosition(
      bus,
      positionState(A, {
        volume: '0',
        unrealized: '0',
        realized: LOSS,
        status: 'closed',
        version: closed,
      }),
    );
    await eventually(() =>
      strictEqual(second.service.guard.view().evaluation?.realizedPnlSinceArming.toString(), LOSS),
    );
    strictEqual(second.service.guard.state.tradingState, 'ACTIVE');
    // B's 19,840 more reach the 100,000 KRW limit only with A's realized loss counted.
    await publishPosition(bus, positionState(B, { volume: '0.01', unrealized: '-19840' }));
    await eventually(() => strictEqual(second.halts.length, 1));
    strictEqual(second.service.guard.view().evaluation?.lossKrw.toString(), '100000');
    await second.stop();
    await first.close();
    await second.close();
  });

  it('a position opened and closed at a loss entirely while risk-guard was down counts, with no state of it ever seen', async () => {
    const first = await new Harness(bus, store).start({ baselinePollMs: 20 });
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(first.service.guard.state.lossLimit?.armed, true));
    await first.stop();
    const v = await appendPosition(store, A, enteredEvents(A, '0.002', '100000000'), 0);
    const closed = await appendPosition(store, A, exitEvents(A, '0.002', '60000000'), v);
    const second = await new Harness(bus, store).start({ baselinePollMs: 20 });
    await eventually(() =>
      strictEqual(second.service.guard.view().evaluation?.realizedPnlSinceArming.toString(), LOSS),
    );
    // its state arriving later changes nothing: counted once
    await publishPosition(
      bus,
      positionState(A, {
        volume: '0',
        unrealized: '0',
        realized: LOSS,
        status: 'closed',
        version: closed,
      }),
    );
    await eventually(() => strictEqual(second.service.guard.portfolio.holdings().length, 0));
    strictEqual(second.service.guard.view().evaluation?.realizedPnlSinceArming.toString(), LOSS);
    await second.stop();
    await first.close();
    await second.close();
  });
});
