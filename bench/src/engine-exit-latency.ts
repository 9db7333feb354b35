/** The engine bench's take-profit tick → exit PlaceOrder latency samples (see `engine.bench.ts`). */
import { performance } from 'node:perf_hooks';
import { eventStreams, subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { LABEL, LATENCY_RUNGS, type World } from './engine-setups.js';
import { MARKETS, takeProfitPrice, tickMessage } from './engine-world.js';
import { percentile, type Row } from './report.js';

/** Latency samples: one take-profit tick per (rung, market), each crossing exactly one position. */
export async function latency(
  world: World,
  ids: readonly PositionId[],
  maxMs: number,
): Promise<Row> {
  const core: number[] = [];
  const durable: number[] = [];
  const appended: number[] = [];
  let missed = 0;
  const began = performance.now();
  for (let k = 0; k < LATENCY_RUNGS && performance.now() - began < maxMs; k++)
    for (let m = 0; m < MARKETS.length && performance.now() - began < maxMs; m++) {
      const id = ids[k * MARKETS.length + m]!;
      const market = MARKETS[m]!;
      const seen = world.outside.exitSeen(id);
      const t0 = performance.now();
      await world.driverBus.publish(
        subjects.mdTick(market),
        tickMessage(market, takeProfitPrice(k)),
      );
      const ok = await Promise.race([
        seen.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 5000)),
      ]);
      const exit = world.outside.exits.get(id);
      const at = world.probes.store.exitAppendedAt.get(eventStreams.position(id));
      if (!ok || exit?.core === undefined || exit.durable === undefined || at === undefined) {
        missed += 1;
        continue;
      }
      core.push(exit.core - t0);
      durable.push(exit.durable - t0);
      appended.push(at - t0);
    }
  return {
    setup: LABEL[world.name],
    samples: core.length,
    missed,
    'append p50 ms': percentile(appended, 50),
    'append p99 ms': percentile(appended, 99),
    'PlaceOrder p50 ms': percentile(core, 50),
    'PlaceOrder p99 ms': percentile(core, 99),
    'PlaceOrder max ms': percentile(core, 100),
    'work-queue p50 ms': percentile(durable, 50),
    'work-queue p99 ms': percentile(durable, 99),
  };
}
