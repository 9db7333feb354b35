import { sql, type Kysely } from 'kysely';
import { krw, type Krw, type Market } from '@hoga/model';
import type { ExecutorTables } from './tables.js';

/**
 * Orders that passed the pre-trade gate and may hold or spend funds at Upbit. A `new` row has not
 * passed the gate yet (or was handed back by a 429 and will be checked again): it does not count,
 * so entries stored side by side do not deny each other; the entry lane makes the one checked
 * next see the one before it as `submitting` or later.
 */
const LIVE = sql.raw(`('submitting','unknown','open')`);

/** What the pre-trade caps need from the executor's own records. */
export class RiskInputsRepository {
  constructor(private readonly db: Kysely<ExecutorTables>) {}

  /**
   * KRW committed per market by live (gated) entry orders other than `exceptOrderId`: a market
   * buy's total or a limit buy's price x volume, less what has executed (then it is a holding).
   */
  async entriesInFlight(exceptOrderId: string): Promise<Partial<Record<Market, Krw>>> {
    const { rows } = await sql<{ market: Market; committed: string }>`
      select market, sum(coalesce(total_krw, price * volume) - executed_funds)::text as committed
      from orders
      where leg = 'entry' and state in ${LIVE} and order_id <> ${exceptOrderId}
      group by market`.execute(this.db);
    return Object.fromEntries(rows.map((r) => [r.market, krw(r.committed)]));
  }

  /**
   * Positions other than `exceptPositionId` that are open as far as orders show: an entry still
   * live (gated) or with executed volume, and no exit that ended `done`.
   */
  async openPositions(exceptPositionId: string): Promise<number> {
    const { rows } = await sql<{ open: string }>`
      select count(distinct o.position_id)::text as open
      from orders o
      where o.leg = 'entry' and o.position_id <> ${exceptPositionId}
        and (o.state in ${LIVE} or o.executed_volume > 0)
        and not exists (select 1 from orders x
          where x.position_id = o.position_id and x.leg = 'exit' and x.state = 'done')`.execute(
      this.db,
    );
    return Number(rows[0]?.open ?? '0');
  }
}
