import type { ExecutorOrder } from '../executor-records.js';
import { discrepancy, note, type Finding } from '../finding.js';
import type { StoredIntent } from '../position-replay.js';

/**
 * one-order-per-intent (I1, as far as hoga's own records show it): each order intent of the
 * position has its `orders` row (the executor inserts it before it POSTs, identifier unique),
 * with the intent's identifier and position; no `orders` row of the position lacks an intent.
 * A missing row on a position not closed yet may be a command still on its way: a note.
 */
export function ordersMatchIntents(
  positionId: string,
  intents: readonly StoredIntent[],
  orders: readonly ExecutorOrder[],
  ordersById: ReadonlyMap<string, ExecutorOrder>,
  closed: boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const { version, request } of intents) {
    const row = ordersById.get(request.orderId);
    if (row === undefined) {
      findings.push(
        (closed ? discrepancy : note)(
          'one-order-per-intent',
          positionId,
          `order intent ${request.orderId} (${request.leg} attempt ${request.attempt}) has no row in order-executor's orders` +
            (closed ? '' : ' yet'),
          { orderId: request.orderId, identifier: request.identifier },
          version,
        ),
      );
      continue;
    }
    if (row.identifier !== request.identifier || row.positionId !== positionId)
      findings.push(
        discrepancy(
          'one-order-per-intent',
          positionId,
          `order ${request.orderId} is recorded for ${row.positionId} with identifier ${row.identifier}, ` +
            `the intent asked for ${request.identifier}`,
          {
            orderId: request.orderId,
            identifierIntent: request.identifier,
            identifierRow: row.identifier,
            positionRow: row.positionId,
          },
          version,
        ),
      );
  }
  const asked = new Set<string>(intents.map((i) => i.request.orderId));
  for (const row of orders)
    if (!asked.has(row.orderId))
      findings.push(
        discrepancy(
          'one-order-per-intent',
          positionId,
          `order-executor has order ${row.orderId} (${row.leg}, ${row.state}, identifier ${row.identifier}) ` +
            'that no event of the position asked for',
          {
            orderId: row.orderId,
            identifier: row.identifier,
            state: row.state,
            exchangeUuid: row.exchangeUuid,
          },
        ),
      );
  return findings;
}

/** one-order-per-intent across positions: an identifier is never used by two intents. */
export function identifiersUnique(
  intents: ReadonlyArray<{ readonly positionId: string; readonly intent: StoredIntent }>,
): Finding[] {
  const byIdentifier = new Map<string, string[]>();
  for (const { positionId, intent } of intents) {
    const key = intent.request.identifier;
    byIdentifier.set(key, [
      ...(byIdentifier.get(key) ?? []),
      `${positionId}@${intent.version} (${intent.request.orderId})`,
    ]);
  }
  return [...byIdentifier]
    .filter(([, where]) => where.length > 1)
    .map(([identifier, where]) =>
      discrepancy(
        'one-order-per-intent',
        null,
        `Upbit identifier ${identifier} is asked for by ${where.length} order intents: ${where.join(', ')}`,
        { identifier, intents: where.join(' ') },
      ),
    );
}
