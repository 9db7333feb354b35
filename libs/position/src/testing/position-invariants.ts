import type { OrderEvent, PositionEvent } from '@hoga/contracts';
import { POSITION_ID } from './position.js';
import { isSettled } from '../live-state/order-track.js';
import { heldVolume } from '../live-state/position-money.js';
import { leftoverIsDust } from '../machine/lifecycle-guards.js';
import type { PositionSnapshot } from '../machine/position-snapshot.js';
import type { ExchangeModel } from './exchange-model.js';

/** Throws when an invariant does not hold (test support; no Node assert in a pure lib). */
export function ok(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

/** What the invariants look at after every step of a generated history. */
export interface WorldView {
  readonly snapshot: PositionSnapshot;
  readonly stored: readonly PositionEvent[];
  readonly delivered: readonly OrderEvent[];
  readonly exchange: ExchangeModel;
}

/**
 * reliability.md #15 and ARCHITECTURE §8: gapless versions; at most one live order (so at most
 * one exit order outstanding); filled <= ordered and <= executed; every delivered trade booked
 * exactly once and never more than the exchange executed; closed only with nothing or dust left
 * and no order open on the exchange.
 */
export function checkInvariants(w: WorldView): void {
  const { status, context: c, version } = w.snapshot;
  ok(
    version === w.stored.length && w.stored.every((e, i) => e.id === `${POSITION_ID}:${i + 1}`),
    'gapless versions and event ids',
  );
  const unsettled = c.orders.filter((o) => !isSettled(o));
  ok(unsettled.length <= 1, 'at most one live order');
  ok(
    unsettled.every((o) => o.request.orderId === c.liveOrderId),
    'the live order is the one the position tracks',
  );
  for (const o of c.orders) {
    const r = o.request;
    ok(r.volume === null || o.filled.volume.lte(r.volume), 'filled <= ordered volume');
    ok(r.totalKrw === null || o.filled.funds.lte(r.totalKrw), 'filled <= ordered KRW');
    ok(o.end === null || o.filled.volume.lte(o.end.executedVolume), 'filled <= executed');
  }
  for (const e of w.delivered)
    if (e.type === 'OrderFilled' && !e.data.tradeUuid.startsWith('bogus'))
      ok(c.tradeUuids.includes(e.data.tradeUuid), 'every delivered trade is booked');
  ok(new Set(c.tradeUuids).size === c.tradeUuids.length, 'each trade booked once');
  ok(
    c.bought.volume.lte(w.exchange.executed('entry')) &&
      c.sold.volume.lte(w.exchange.executed('exit')),
    'never more than the exchange executed',
  );
  ok(heldVolume(c).gte(0), 'never holds a negative volume');
  if (status === 'closed') {
    const closed = w.stored.find((e) => e.type === 'PositionClosed');
    ok(!w.exchange.orders.some((o) => o.open), 'no open order once closed');
    ok(
      closed?.type === 'PositionClosed' && leftoverIsDust(c, closed.data.dustPrice),
      'closed with nothing or dust',
    );
  }
}
