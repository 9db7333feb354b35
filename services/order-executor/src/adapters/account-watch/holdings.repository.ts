import { sql, type Kysely } from 'kysely';
import { Decimal, volume } from '@hoga/model';
import type { ExecutorTables } from '../db/tables.js';
import type { MarketHolding } from '../../domain/account-watch/balance-drift.rule.js';

/** Orders whose trades may still move balances before hoga has recorded them. */
const LIVE = sql.raw(`('new','submitting','unknown','open')`);

/** What hoga's own orders hold, from the executor's `orders` table. */
export class HoldingsRepository {
  constructor(private readonly db: Kysely<ExecutorTables>) {}

  /** Per market: Σ executed bid volume − Σ executed ask volume, and the average entry price. */
  async holdings(): Promise<MarketHolding[]> {
    const { rows } = await sql<{
      market: string;
      held: string;
      bought_volume: string;
      bought_funds: string;
    }>`
      select market,
        sum(case when side = 'bid' then executed_volume else -executed_volume end)::text as held,
        sum(case when side = 'bid' then executed_volume else 0 end)::text as bought_volume,
        sum(case when side = 'bid' then executed_funds else 0 end)::text as bought_funds
      from orders group by market`.execute(this.db);
    return rows.map((r) => {
      const bought = new Decimal(r.bought_volume);
      return {
        market: r.market,
        hogaVolume: volume(Decimal.max(0, r.held)),
        avgEntryPrice: bought.gt(0) ? new Decimal(r.bought_funds).div(bought) : null,
      };
    });
  }

  /** Markets with a hoga order that is not final yet. */
  async busyMarkets(): Promise<Set<string>> {
    const { rows } = await sql<{ market: string }>`
      select distinct market from orders where state in ${LIVE}`.execute(this.db);
    return new Set(rows.map((r) => r.market));
  }
}

/** Which of these Upbit orders are hoga's: known by exchange uuid or by identifier. */
export async function hogaOrdersAmong(
  db: Kysely<ExecutorTables>,
  orders: readonly { readonly uuid: string; readonly identifier: string | null }[],
): Promise<Set<string>> {
  if (orders.length === 0) return new Set();
  const uuids = orders.map((o) => o.uuid);
  const identifiers = orders.flatMap((o) => (o.identifier === null ? [] : [o.identifier]));
  const rows = await db
    .selectFrom('orders')
    .select(['exchange_uuid', 'identifier'])
    .where((eb) =>
      eb.or([
        eb('exchange_uuid', 'in', uuids),
        ...(identifiers.length > 0 ? [eb('identifier', 'in', identifiers)] : []),
      ]),
    )
    .execute();
  const byUuid = new Set(rows.map((r) => r.exchange_uuid));
  const byIdentifier = new Set(rows.map((r) => r.identifier));
  return new Set(
    orders
      .filter(
        (o) => byUuid.has(o.uuid) || (o.identifier !== null && byIdentifier.has(o.identifier)),
      )
      .map((o) => o.uuid),
  );
}
