import { connectNatsBus, type Bus } from '@hoga/bus';
import { PositionState, subjects, type Tick } from '@hoga/contracts';
import { krw, price, volume, type Market, type PositionId, type StrategyId } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import type { GatewayHarness } from './gateway-harness.js';

let sequence = 0;
const envelope = <T extends string, D>(type: T, data: D) => {
  sequence += 1;
  const id = `${type}-${String(sequence)}`;
  return {
    id,
    type,
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: id,
    data,
  };
};

/** A position's live state: `version` and `last` vary, the rest is fixed. */
export function positionStateSample(
  id: string,
  version: number,
  options: { status?: PositionState['data']['status']; last?: number; market?: string } = {},
): PositionState {
  const last = options.last ?? 100_000_000 + version * 1000;
  return envelope('PositionState', {
    positionId: id as PositionId,
    strategyId: 'gw-live' as StrategyId,
    market: (options.market ?? 'KRW-BTC') as Market,
    status: options.status ?? 'active',
    paused: false,
    volume: volume('0.001'),
    avgEntryPrice: price('100000000'),
    peakPrice: price('100000000'),
    lastPrice: price(String(last)),
    unrealizedPnlKrw: krw(String((last - 100_000_000) / 1000)),
    realizedPnlKrw: krw('0'),
    exitReason: null,
    enteredAt: null,
    exitLevels: null,
    failure: null,
    version,
  });
}

/** The encoded data of a state: what the `positions` channel carries for it. */
export const positionWire = (state: PositionState): unknown =>
  (PositionState.encode(state) as { data: unknown }).data;

/** A trade on `market` at `px`. */
export function tickSample(market: string, px: number, tradeTimestamp = Date.now()): Tick {
  return envelope('Tick', {
    market: market as Market,
    price: price(String(px)),
    volume: volume('0.01'),
    side: 'bid' as const,
    tradeTimestamp,
    sequentialId: sequence,
    bestBid: null,
    bestAsk: null,
  });
}

/** A second connection on the harness's namespace, as another service would publish from. */
export const engineBus = (harness: GatewayHarness, name = 'engine'): Promise<Bus> =>
  connectNatsBus({
    servers: harness.servers,
    namespace: harness.namespace,
    name,
    logger: createLogger({ service: name, level: 'error', sinks: [() => undefined] }),
  });

/** Publishes a state on its position's subject. */
export const publishState = (bus: Bus, state: PositionState): Promise<void> =>
  bus.publish(subjects.positionState(state.data.positionId), state);
