import { sql, type Kysely } from 'kysely';
import { krw, type Krw, type Market } from '@hoga/model';
import type { ExecutorTables } from './tables.js';

const LIVE = sql.raw(`('new','submitting','unknown','open')`);

/** What the pre-trade caps need from the executor's own records. */
export class RiskInputsRepository {
  constructor(private readonly db: Kysely<ExecutorTables>) {}

  /**
   * KRW committed per market by live entry orders other than `exceptOrderId`: a market buy's
   * total or a limit buy's price x volume, less what has executed (then it is a holding).
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
   * live or with executed volume, and no exit that ended `done`.
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
