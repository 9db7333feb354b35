import { deepEqual, equal, ok } from 'node:assert/strict';
import type { Harness } from './harness.js';
import { eventually } from '@hoga/testkit';

const sorted = (xs: readonly string[]) => [...xs].sort();

/** The uuids of the trades of the exchange's orders with `identifier`. */
export function exchangeTradeUuids(h: Harness, identifier: string): string[] {
  return h.em.admin
    .orders({ identifier })
    .flatMap((o) => (o['trades'] as { uuid: string }[]).map((t) => t.uuid));
}

/**
 * The invariants every fault test checks for one order intent:
 * - I1: at most one exchange order per intent (`exchangeOrders` is what the test expects);
 * - I2: every Upbit trade of it recorded exactly once, every recorded event published, and
 *   published once (the durable observer sees each id once: a re-publish was deduplicated).
 */
export async function assertExactlyOnce(
  h: Harness,
  orderId: string,
  exchangeOrders: 0 | 1,
): Promise<void> {
  const row = await h.order(orderId);
  ok(row, `order ${orderId} is stored`);
  equal(
    h.em.admin.orders({ identifier: row.identifier }).length,
    exchangeOrders,
    'I1: exchange orders of the intent',
  );
  const recorded = (await h.trades(orderId)).map((t) => t.trade_uuid);
  deepEqual(
    sorted(recorded),
    sorted(exchangeTradeUuids(h, row.identifier)),
    'I2: each trade recorded once',
  );
  const stored = (await h.storedEvents(orderId)).map((e) => e.id);
  await eventually(() => {
    const seen = h.events.of(orderId).map((e) => e.id);
    deepEqual(sorted(seen), sorted(stored), 'I2: every recorded event published exactly once');
  });
}
