/** The engine bench's sustained ticks/s through position-actor (see `engine.bench.ts`). */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldMacrotask } from 'node:timers/promises';
import type { PublishOptions } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { PositionActorService } from '@hoga/position-actor';
import { LABEL, POSITIONS, type World } from './engine-setups.js';
import { MARKETS, quietTicks, tickMessage, waitFor } from './engine-world.js';
import type { Row } from './report.js';

/** Sustained ticks/s: `count` quiet ticks, at most `window` published but not yet delivered. */
export async function throughput(
  world: World,
  service: PositionActorService,
  count: number,
  tickOptions: () => PublishOptions = () => ({}),
): Promise<Row> {
  const { bus, store } = world.probes;
  const ticks = quietTicks(count);
  await service.idle();
  const delivered0 = bus.counters.ticksDelivered;
  const decisions0 = service.decisions();
  const states0 = bus.counters.statePublishes;
  const appends0 = store.appends.count;
  const window = 2000;
  const cpu0 = process.cpuUsage();
  const began = performance.now();
  // Publishes pipelined (64 in flight, as market-feed's publisher does), never awaited one by one.
  let inFlight: Promise<void>[] = [];
  for (let i = 0; i < ticks.length; i++) {
    const { market, price } = ticks[i]!;
    const message = tickMessage(market, price);
    inFlight.push(world.driverBus.publish(subjects.mdTick(market), message, tickOptions()));
    if (inFlight.length >= 64) {
      await Promise.all(inFlight);
      inFlight = [];
    }
    if (i % 200 === 199) {
      await yieldMacrotask();
      while (i + 1 - (bus.counters.ticksDelivered - delivered0) > window) await yieldMacrotask();
    }
  }
  await Promise.all(inFlight);
  const published = performance.now() - began;
  await waitFor(() => bus.counters.ticksDelivered - delivered0 >= count, 120_000, 1);
  await service.idle();
  const ms = performance.now() - began;
  const cpu = process.cpuUsage(cpu0);
  const delivered = bus.counters.ticksDelivered - delivered0;
  const statePublishes = bus.counters.statePublishes - states0;
  const evaluations = service.decisions() - decisions0;
  const reached = delivered * (POSITIONS / MARKETS.length);
  return {
    setup: LABEL[world.name],
    'ticks published': count,
    'ticks delivered': delivered,
    'ticks/s': Math.round((delivered / ms) * 1000),
    'publish-side ticks/s': Math.round((count / published) * 1000),
    'evaluations due': reached,
    'evaluations processed': evaluations,
    'coalesced %': ((reached - evaluations) / reached) * 100,
    'evaluations/s': Math.round((evaluations / ms) * 1000),
    appends: store.appends.count - appends0,
    'state publishes': statePublishes,
    'process CPU %': ((cpu.user + cpu.system) / 1000 / ms) * 100,
  };
}
