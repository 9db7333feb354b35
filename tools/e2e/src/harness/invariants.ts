import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import type pg from 'pg';
import {
  auditExchange,
  auditPostgres,
  exchangeReaderAt,
  isDiscrepancy,
  type AuditReport,
} from '@hoga/audit';
import { dec, DEFAULT_FEE_RATE, type Decimal, type PositionId } from '@hoga/model';
import { positionStateData, replay } from '@hoga/position';
import { eventually } from '@hoga/testkit';
import type { E2eStack, OrderRow } from './e2e-stack.js';
import { E2E_ACCESS_KEY, E2E_SECRET_KEY } from './service-env.js';

/** Jepsen's vocabulary for what became of one order intent. */
export type Label = 'ok' | 'lost' | 'duplicated' | 'unknown' | 'recovered';

/** One order intent and what the exchange and the executor made of it. */
export interface AttemptReport {
  readonly orderId: string;
  readonly leg: string;
  readonly exchangeOrders: number;
  readonly rowState: string | null;
  readonly wentUnknown: boolean;
  readonly label: Label;
}

const FINAL = new Set(['denied', 'rejected', 'not_placed', 'done', 'cancel']);
const NOT_PLACED = new Set(['denied', 'rejected', 'not_placed']);

type ExchangeOrder = Record<string, unknown> & {
  identifier?: string;
  side?: string;
  paid_fee?: string;
  trades?: Array<{ uuid: string; funds: string; volume: string }>;
};

/** Every exchange order of the account whose identifier is one of the position's order ids. */
export function exchangeOrdersOf(stack: E2eStack, orderIds: readonly string[]): ExchangeOrder[] {
  const ids = new Set(orderIds);
  return (stack.emulator.admin.orders() as ExchangeOrder[]).filter(
    (o) => o.identifier !== undefined && ids.has(o.identifier),
  );
}

/** The order intents of a position (`Entry/ExitOrderRequested`), in order. */
export async function intentsOf(
  stack: E2eStack,
  positionId: PositionId,
): Promise<Array<{ orderId: string; identifier: string; leg: string }>> {
  return (await stack.events(positionId)).flatMap(({ event }) =>
    event.type === 'EntryOrderRequested' || event.type === 'ExitOrderRequested'
      ? [{ orderId: event.data.orderId, identifier: event.data.identifier, leg: event.data.leg }]
      : [],
  );
}

/** Labels every order intent of the position (ok / lost / duplicated / unknown / recovered). */
export async function attemptReport(
  stack: E2eStack,
  positionId: PositionId,
): Promise<AttemptReport[]> {
  const rows = new Map<string, OrderRow>(
    (await stack.orderRows(positionId)).map((r) => [r.order_id, r]),
  );
  const exchange = stack.emulator.admin.orders() as ExchangeOrder[];
  return (await intentsOf(stack, positionId)).map(({ orderId, identifier, leg }) => {
    const exchangeOrders = exchange.filter((o) => o.identifier === identifier).length;
    const row = rows.get(orderId);
    const rowState = row?.state ?? null;
    const wentUnknown = stack.orderEvents.some(
      (e) => e.type === 'OrderUnknown' && e.data.orderId === orderId,
    );
    const label: Label =
      exchangeOrders > 1
        ? 'duplicated'
        : rowState === null ||
            (exchangeOrders === 0 && !NOT_PLACED.has(rowState) && rowState !== 'unknown')
          ? 'lost'
          : rowState === 'unknown'
            ? 'unknown'
            : wentUnknown
              ? 'recovered'
              : 'ok';
    return { orderId, leg, exchangeOrders, rowState, wentUnknown, label };
  });
}

/** The report as text, for a failure message. */
export const formatReport = (report: readonly AttemptReport[]): string =>
  report
    .map(
      (a) =>
        `${a.label.padEnd(10)} ${a.orderId} (${a.leg}) exchange orders=${a.exchangeOrders} row=${a.rowState ?? '-'}${a.wentUnknown ? ' (was unknown)' : ''}`,
    )
    .join('\n');

/** I1: at most one exchange order per intent (and no lost or duplicated attempt). */
export async function checkI1(stack: E2eStack, positionId: PositionId): Promise<AttemptReport[]> {
  const report = await attemptReport(stack, positionId);
  ok(
    report.every((a) => a.exchangeOrders <= 1 && a.label !== 'lost' && a.label !== 'duplicated'),
    `I1 violated:\n${formatReport(report)}`,
  );
  return report;
}

/**
 * I2: every PlaceOrder ends in a recorded final state (none left `unknown` here: every scenario
 * resolves), and every exchange trade of the position's orders is recorded exactly once.
 */
export async function checkI2(stack: E2eStack, positionId: PositionId): Promise<void> {
  const intents = await intentsOf(stack, positionId);
  await eventually(
    async () => {
      const rows = new Map((await stack.orderRows(positionId)).map((r) => [r.order_id, r]));
      for (const { orderId } of intents) {
        const row = rows.get(orderId);
        ok(row !== undefined, `I2: no order row for ${orderId}`);
        ok(FINAL.has(row.state), `I2: ${orderId} is ${row.state}, not final`);
      }
      const recorded = await stack.tradeRows();
      const exchangeTrades = exchangeOrdersOf(
        stack,
        intents.map((i) => i.identifier),
      ).flatMap((o) => o.trades ?? []);
      for (const t of exchangeTrades)
        equal(
          recorded.filter((r) => r.trade_uuid === t.uuid).length,
          1,
          `I2: trade ${t.uuid} recorded once`,
        );
    },
    10_000,
    100,
  );
}

/** I3: the stream's versions are gapless, and the relay published every stored event. */
export async function checkI3(stack: E2eStack, positionId: PositionId): Promise<void> {
  const events = await stack.events(positionId);
  const versions = events.map((e) => e.streamVersion);
  const first = versions[0] ?? 1;
  ok(first <= 1, `I3: stream starts at version ${first}`);
  deepStrictEqual(
    versions,
    versions.map((_, i) => first + i),
    'I3: versions gapless',
  );
  await eventually(
    () => {
      const published = new Set(stack.positionEvents.map((e) => e.id));
      const missing = events.filter((e) => !published.has(e.event.id)).map((e) => e.event.id);
      deepStrictEqual(missing, [], 'I3: every stored event published on hoga.position.evt');
    },
    10_000,
    100,
  );
}

/**
 * I4: the fold of the stored events equals the last published live state (the price fields
 * are the live ones: ticks are not events), and the position's volume equals what the
 * exchange account holds (one position per test; `exchangeVolume` false when several share it).
 */
export async function checkI4(
  stack: E2eStack,
  positionId: PositionId,
  exchangeVolume = true,
): Promise<void> {
  await eventually(
    async () => {
      const events = await stack.events(positionId);
      const folded = replay(events.map((e) => e.event));
      const live = stack.lastState(positionId);
      ok(live !== undefined, 'I4: no live state published');
      equal(live.data.version, folded.version, 'I4: live state is of the last version');
      const expected = positionStateData(
        folded,
        {
          lastPrice: live.data.lastPrice,
          peakPrice: live.data.peakPrice ?? folded.context.peakPrice,
        },
        DEFAULT_FEE_RATE,
      );
      deepStrictEqual(JSON.stringify(live.data), JSON.stringify(expected), 'I4: live = fold');
      if (!exchangeVolume) return;
      const btc = stack.emulator.admin.balances('e2e-access-key').find((b) => b.currency === 'BTC');
      const held = btc === undefined ? dec(0) : dec(btc.balance).plus(btc.locked);
      ok(
        held.eq(expected.volume),
        `I4: exchange holds ${held.toString()}, position ${expected.volume.toString()}`,
      );
    },
    10_000,
    100,
  );
}

/** I1-I4 for one position; returns the attempt report. */
export async function checkInvariants(
  stack: E2eStack,
  positionId: PositionId,
  exchangeVolume = true,
): Promise<AttemptReport[]> {
  const report = await checkI1(stack, positionId);
  await checkI2(stack, positionId);
  await checkI3(stack, positionId);
  await checkI4(stack, positionId, exchangeVolume);
  return report;
}

/**
 * Σ over the exchange's trades of the position's orders: (ask funds − ask fees) − (bid funds +
 * bid fees), fees as Upbit charged them (`paid_fee`).
 */
export function exchangePnl(stack: E2eStack, identifiers: readonly string[]): Decimal {
  let pnl = dec(0);
  for (const o of exchangeOrdersOf(stack, identifiers)) {
    const funds = (o.trades ?? []).reduce((sum, t) => sum.plus(t.funds), dec(0));
    const fee = dec(o.paid_fee ?? '0');
    pnl = o.side === 'ask' ? pnl.plus(funds).minus(fee) : pnl.minus(funds).minus(fee);
  }
  return pnl;
}

/**
 * Realized PnL equals the exchange's to the won, and within 1e-8 KRW (the position library
 * rounds proportional cost bases to 8 decimals; see the README's known bug).
 */
export function assertPnlToTheWon(realized: Decimal, exchange: Decimal): void {
  ok(
    realized.minus(exchange).abs().lte('0.00000001'),
    `PnL ${realized.toString()} vs exchange ${exchange.toString()}`,
  );
  equal(realized.toDecimalPlaces(0).toString(), exchange.toDecimalPlaces(0).toString());
}

/**
 * `hoga audit all` (libs/audit, with the xstate cross-check) and `hoga audit risk` on the
 * scenario's store: no discrepancy. Run at the end of every passing scenario (positions still
 * open give notes only).
 */
export async function checkAudit(
  pool: pg.Pool,
  exchange?: { readonly url: string },
): Promise<AuditReport> {
  const report = await auditPostgres(pool, { kind: 'all' }, { reference: true });
  // `--exchange`: every order against the emulator's own record of it.
  const onExchange =
    exchange === undefined
      ? []
      : await auditExchange(
          pool,
          report.positions.map((p) => p.summary.positionId),
          exchangeReaderAt(exchange.url, {
            accessKey: E2E_ACCESS_KEY,
            secretKey: E2E_SECRET_KEY,
          }),
        );
  const discrepancies = [
    ...report.positions.flatMap((p) => p.findings),
    // `all` carries the risk stream's findings (its checks and hash chain) among the store's.
    ...report.findings,
    ...onExchange,
  ]
    .filter(isDiscrepancy)
    .map((f) => `${f.check} ${f.positionId ?? '-'}@${f.version ?? '-'}: ${f.message}`);
  deepStrictEqual(discrepancies, [], 'hoga audit all: the ledger proves out');
  return report;
}
