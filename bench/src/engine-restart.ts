/**
 * The engine bench's restarts until trading again (NATS, PostgreSQL): a filler of stored events,
 * then the process config, the all-in-one composition and the memory index before ADR 0064.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import type { PositionActorOptions } from '@hoga/position-actor';
import { measureRestart, startService as start } from '@hoga/position-actor/testing';
import { appendFiller, type Filler } from './engine-history.js';
import { LATENCY_RUNGS, type World } from './engine-setups.js';
import { MARKETS, takeProfitPrice, tickMessage } from './engine-world.js';
import type { Row } from './report.js';

/** One restart until trading again: `start()`, then a take-profit tick → its exit PlaceOrder. */
async function restartOnce(
  world: World,
  label: string,
  options: PositionActorOptions,
  id: PositionId,
  market: (typeof MARKETS)[number],
  rung: number,
): Promise<Row> {
  let startMs = Number.NaN;
  let tradeMs = Number.NaN;
  const measured = await measureRestart(async () => {
    const t = performance.now();
    const service = await start(options);
    startMs = performance.now() - t;
    const seen = world.outside.exitSeen(id);
    const t1 = performance.now();
    await world.driverBus.publish(
      subjects.mdTick(market),
      tickMessage(market, takeProfitPrice(rung)),
    );
    const ok = await Promise.race([
      seen.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 10_000)),
    ]);
    const core = world.outside.exits.get(id)?.core;
    if (ok && core !== undefined) tradeMs = core - t1;
    return service;
  });
  return {
    restart: label,
    'start() ms': startMs,
    'tick → exit PlaceOrder ms': tradeMs,
    'until trading again ms': measured.ms,
    rehydrated: measured.rehydrated,
  };
}

async function countEvents(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ n: string }>('select count(*)::text as n from events');
  return Number(r.rows[0]?.n ?? 0);
}

export async function restarts(
  world: World,
  ids: readonly PositionId[],
  targetEvents: number,
  fillSeconds: number,
): Promise<{ rows: Row[]; filler: Filler; storedEvents: number }> {
  const filler = await appendFiller(world.store, targetEvents, fillSeconds * 1000);
  const storedEvents = world.pool
    ? await countEvents(world.pool).catch(() => Number.NaN)
    : Number.NaN;
  const rows: Row[] = [];
  // Market 0, rungs 3.. (still active after the latency samples): one position per restart.
  const next = (() => {
    let rung = LATENCY_RUNGS;
    return () => {
      const r = rung++;
      return { id: ids[r * MARKETS.length]!, market: MARKETS[0]!, rung: r };
    };
  })();
  const processConfig = () => world.options();
  // The all-in-one composition (tools/all-in-one): solo leases, the durable PostgreSQL index.
  const allInOne = (): PositionActorOptions => {
    const { partitions: _partitions, ...rest } = world.options();
    return rest;
  };
  // Before ADR 0064 the all-in-one kept its index in memory: rebuilt from every stored event.
  const memoryIndex = (): PositionActorOptions => {
    const { index: _index, partitions: _partitions, ...rest } = world.options();
    return rest;
  };
  const restart = async (label: string, options: PositionActorOptions) => {
    const p = next();
    rows.push(await restartOnce(world, label, options, p.id, p.market, p.rung));
  };
  await restart('PG index, first start after the filler (index catches up)', processConfig());
  await restart('PG index, restart (index current) — process config', processConfig());
  // Before and after in one run, interleaved: after, before, after, before.
  for (let round = 1; round <= 2; round++) {
    await restart(`after: all-in-one (PG index, solo leases), round ${String(round)}`, allInOne());
    await restart(
      `before: memory index (the all-in-one until ADR 0064), round ${String(round)}`,
      memoryIndex(),
    );
  }
  return { rows: rows.map((r) => ({ ...r, 'stored events': storedEvents })), filler, storedEvents };
}
