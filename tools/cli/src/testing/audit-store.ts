import pg from 'pg';
import { cleanLife, riskLife, type Life } from '@hoga/audit/testing';
import { eventStreams } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { PostgresEventStore } from '@hoga/event-store';
import { migrateExecutor } from '@hoga/order-executor';
import { createTestSchema, type TestSchema } from '@hoga/testkit';
import { Kysely, PostgresDialect } from 'kysely';

/**
 * A hoga store of its own for an audit test: a fresh schema with the event store's and
 * order-executor's tables (their own migrations), seeded with clean position lives as
 * position-actor and order-executor record them. Tests then spoil it by hand, in SQL.
 */
export class AuditStore {
  private constructor(
    readonly schema: TestSchema,
    readonly pool: pg.Pool,
  ) {}

  static async create(label: string): Promise<AuditStore> {
    const schema = await createTestSchema(label);
    const pool = new pg.Pool({ ...schema.poolConfig, max: 2 });
    const store = new AuditStore(schema, pool);
    const events = new PostgresEventStore(pool);
    await events.migrate();
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await migrateExecutor(db);
    return store;
  }

  /** Appends a clean life of `positionId` and inserts its orders and trades rows. */
  seed(positionId: string): Promise<Life> {
    return this.seedLife(cleanLife(positionId));
  }

  /** Appends `life`'s events and inserts its orders and trades rows. */
  async seedLife(life: Life): Promise<Life> {
    const positionId = life.positionId;
    const events = new PostgresEventStore(this.pool);
    await events.append(eventStreams.position(positionId as PositionId), life.events, {
      expectedVersion: 'no-stream',
    });
    for (const o of life.orders)
      await this.pool.query(
        `insert into orders (order_id, identifier, position_id, leg, attempt, market, side, kind,
           total_krw, volume, state, exchange_uuid, command_id, correlation_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $1, $3)`,
        [
          o.order_id,
          o.identifier,
          o.position_id,
          o.leg,
          o.attempt,
          o.market,
          o.side,
          o.kind,
          o.total_krw,
          o.volume,
          o.state,
          o.exchange_uuid,
        ],
      );
    for (const t of life.trades)
      await this.pool.query(
        `insert into trades (trade_uuid, order_id, market, side, price, volume, funds, fee, traded_at, source)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ws')`,
        [
          t.trade_uuid,
          t.order_id,
          t.market,
          t.side,
          t.price,
          t.volume,
          t.funds,
          t.fee,
          t.traded_at,
        ],
      );
    return life;
  }

  /** Appends the `risk` stream of a day with a breach (libs/audit's `riskLife`). */
  async seedRisk(): Promise<void> {
    await new PostgresEventStore(this.pool).append(eventStreams.risk, riskLife(), {
      expectedVersion: 'no-stream',
    });
  }

  /** The arguments that point `hoga audit` at this store. */
  get args(): string[] {
    return ['--database', this.schema.connectionString, '--schema', this.schema.schema];
  }

  async dispose(): Promise<void> {
    await this.pool.end();
    await this.schema.dispose();
  }
}
