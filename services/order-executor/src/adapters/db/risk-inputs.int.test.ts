import { deepEqual, equal } from 'node:assert/strict';
import { createTestSchema, type TestSchema } from '@hoga/testkit';
import { newOrderRecord, type OrderState } from '../../domain/order-record.js';
import { marketBuy, orderIdOf } from '../../testing/commands.js';
import { openDatabase, type ExecutorDatabase } from './database.js';
import { migrateExecutor } from './migrations.js';
import { OrdersRepository } from './orders.repository.js';
import { RiskInputsRepository } from './risk-inputs.repository.js';

describe('RiskInputsRepository (PostgreSQL)', () => {
  let schema: TestSchema;
  let database: ExecutorDatabase;
  beforeEach(async () => {
    schema = await createTestSchema('order_executor_risk');
    database = openDatabase(schema.poolConfig, () => undefined);
    await migrateExecutor(database.db);
  });
  afterEach(async () => {
    await database.close();
    await schema.dispose();
  });

  /** Stores a market buy of `totalKrw` for `positionId` and puts its row in `state`. */
  async function entry(positionId: string, totalKrw: string, state: OrderState): Promise<void> {
    await new OrdersRepository(database.db).insertIfAbsent(
      newOrderRecord(marketBuy(positionId, totalKrw), new Date()),
    );
    await database.db
      .updateTable('orders')
      .set({ state })
      .where('order_id', '=', orderIdOf(positionId))
      .execute();
  }

  it('counts only entries that passed the gate: a new row is neither an open position nor committed KRW', async () => {
    await entry('p-waiting', '100000', 'new');
    await entry('p-sending', '200000', 'submitting');
    await entry('p-unsure', '300000', 'unknown');
    await entry('p-denied', '400000', 'denied');
    const risk = new RiskInputsRepository(database.db);
    equal(await risk.openPositions('p-next'), 2);
    const committed = await risk.entriesInFlight(orderIdOf('p-next'));
    deepEqual(
      Object.entries(committed).map(([market, krw]) => [market, krw?.toString()]),
      [['KRW-BTC', '500000']],
    );
  });
});
