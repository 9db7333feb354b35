import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { eventStreams } from '@hoga/contracts';
import type { RecordedEvent } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { orderOfRow, tradeOfRow } from '../adapters/executor-rows.codec.js';
import { cleanLife, recorded, type Life } from '../testing/clean-life.fixture.js';
import { AuditRun, auditExitCode, withStoreFindings, type AuditReport } from './audit-run.js';
import { executorRecords } from './executor-records.js';
import { discrepancy, note, type CheckName } from './finding.js';

/** Audits the given rows against the life's executor rows (as edited by the test). */
function audit(
  life: Life,
  rows: readonly RecordedEvent[] = recorded(life),
  options: { reference?: boolean; head?: number; timelines?: boolean } = {},
): AuditReport {
  const run = new AuditRun(
    { kind: 'position', positionId: life.positionId },
    { reference: options.reference ?? false, timelines: options.timelines ?? true },
  );
  run.expectStream(eventStreams.position(life.positionId as PositionId));
  for (const row of rows) run.add(row);
  return run.finish({
    records: executorRecords(
      life.orders.map((o) => orderOfRow({ ...o })),
      life.trades.map((t) => tradeOfRow({ ...t })),
    ),
    heads: new Map([
      [eventStreams.position(life.positionId as PositionId), options.head ?? rows.length],
    ]),
  });
}

const checksOf = (report: AuditReport): CheckName[] => [
  ...new Set(
    [...report.positions.flatMap((p) => p.findings), ...report.findings]
      .filter((f) => f.severity === 'discrepancy')
      .map((f) => f.check),
  ),
];
const messages = (report: AuditReport): string =>
  [...report.positions.flatMap((p) => p.findings), ...report.findings]
    .map((f) => `${f.check}: ${f.message}`)
    .join('\n');

/** Rows with `edit` applied to the data of the event at `version`. */
const editData = (
  rows: RecordedEvent[],
  version: number,
  edit: (data: Record<string, unknown>) => Record<string, unknown>,
): RecordedEvent[] =>
  rows.map((r) =>
    r.streamVersion === version ? { ...r, data: edit(r.data as Record<string, unknown>) } : r,
  );

describe('audit run (pure core)', () => {
  it('proves a clean life: every check passes, PnL from events = PnL from trades, to the won', () => {
    const life = cleanLife('pos-clean');
    const report = audit(life);
    equal(report.verdict, 'clean', messages(report));
    equal(auditExitCode(report), 0);
    const [position] = report.positions;
    equal(position!.summary.status, 'closed');
    equal(position!.summary.realizedPnlKrw, '899.05025');
    equal(position!.summary.tradesPnlKrw, '899.05025');
    equal(position!.summary.feesKrw, '100.44975');
    equal(position!.summary.closeReason, 'take-profit');
    equal(position!.findings.length, 0, messages(report));
    equal(report.totals.events, 10);
  });

  it('gives the timeline: time, event, price, volume, fee, state after, who', () => {
    const report = audit(cleanLife('pos-tl'));
    const timeline = report.positions[0]!.timeline;
    deepStrictEqual(
      timeline.map((e) => `${e.version} ${e.type} ${e.stateAfter}`),
      [
        '1 PositionOpened pending',
        '2 EntryOrderRequested pending',
        '3 EntryFilled pending',
        '4 OrderFinished pending',
        '5 PositionActivated active',
        '6 ExitTriggered closing',
        '7 ExitOrderRequested closing',
        '8 ExitFilled closing',
        '9 OrderFinished closing',
        '10 PositionClosed closed',
      ],
    );
    const sell = timeline[7]!;
    deepStrictEqual(
      [sell.price, sell.volume, sell.krw, sell.fee],
      ['101000000', '0.0009995', '100949.5', '50.47475'],
    );
    equal(timeline[0]!.by, 'cli:alice@desk');
    equal(timeline[0]!.at, '2026-12-07T01:00:00.000Z');
  });

  it('--reference: xstate transition agrees with the compiled table on every event', () => {
    const report = audit(cleanLife('pos-ref'), undefined, { reference: true });
    equal(report.verdict, 'clean', messages(report));
    equal(report.reference, true);
  });

  it("finds a trades row's fee changed: fee rule, fill vs trade and realized PnL", () => {
    const life = cleanLife('pos-fee');
    const trades = life.trades.map((t, i) => (i === 1 ? { ...t, fee: '50.47476' } : t));
    const report = audit({ ...life, trades });
    equal(auditExitCode(report), 1);
    deepStrictEqual(checksOf(report).sort(), ['fee-rule', 'fill-matches-trade', 'realized-pnl']);
    ok(/fee 50\.47476 KRW is not funds x the fee rate \(50\.47475 KRW\)/.test(messages(report)));
    ok(/off by 0\.00001/.test(messages(report)), messages(report));
  });

  it("finds an event's data edited in place: the fill differs and the machine refuses the close", () => {
    const life = cleanLife('pos-edit');
    const rows = editData(recorded(life), 8, (d) => ({
      ...d,
      price: '102000000',
      funds: '101949',
    }));
    const report = audit(life, rows);
    equal(auditExitCode(report), 1);
    const checks = checksOf(report);
    ok(checks.includes('fill-matches-trade'), messages(report));
    ok(checks.includes('transition-legal'), messages(report));
    ok(
      /fill of trade pos-edit-t2 \(version 8\) differs from its trades row in price \(event 102000000, trades 101000000\), funds \(event 101949, trades 100949.5\)/.test(
        messages(report),
      ),
      messages(report),
    );
  });

  it('finds an event deleted: a gap in the versions, a trade never applied', () => {
    const life = cleanLife('pos-del');
    const rows = recorded(life).filter((r) => r.streamVersion !== 8);
    const report = audit(life, rows, { head: 10 });
    const checks = checksOf(report);
    ok(checks.includes('stream-gapless'), messages(report));
    ok(checks.includes('trade-applied'), messages(report));
    ok(/versions jump from 7 to 9: 1 event\(s\) missing/.test(messages(report)));
  });

  it('finds the last event deleted: the stream head is ahead of the last event', () => {
    const life = cleanLife('pos-tail');
    const rows = recorded(life).slice(0, 9);
    const report = audit(life, rows, { head: 10 });
    ok(checksOf(report).includes('stream-gapless'), messages(report));
    ok(/1 event\(s\) missing at the end/.test(messages(report)));
  });

  it('finds a fill recorded twice: trade applied twice, refused by the machine', () => {
    const life = cleanLife('pos-dup');
    const rows = recorded(life);
    const fill = rows[7]!;
    const twice = [
      ...rows.slice(0, 8),
      { ...fill, metadata: { ...fill.metadata, eventId: 'dup' } },
      ...rows.slice(8),
    ].map((r, i) => ({ ...r, streamVersion: i + 1 }));
    const report = audit(life, twice);
    const checks = checksOf(report);
    ok(checks.includes('trade-applied-once'), messages(report));
    ok(checks.includes('transition-legal'), messages(report));
    ok(
      /trade pos-dup-t2 is recorded by 2 fill events: pos-dup@8, pos-dup@9/.test(messages(report)),
    );
  });

  it('finds an exchange order no intent asked for (I1, from the orders table)', () => {
    const life = cleanLife('pos-i1');
    const extra = { ...life.orders[1]!, order_id: 'pos-i1-x1b', identifier: 'pos-i1-x1b' };
    const report = audit({ ...life, orders: [...life.orders, extra] });
    deepStrictEqual(checksOf(report), ['one-order-per-intent']);
    ok(/order pos-i1-x1b .* that no event of the position asked for/.test(messages(report)));
  });

  it('notes a position still open, and a trade not applied yet, without a discrepancy', () => {
    const life = cleanLife('pos-open');
    const rows = recorded(life).slice(0, 7);
    const report = audit(life, rows);
    equal(report.verdict, 'clean', messages(report));
    const notes = report.positions[0]!.findings.map((f) => f.check);
    ok(notes.includes('open-position'));
    ok(notes.includes('trade-applied'));
  });

  it("adds later findings (the exchange's, the risk stream's) to their position or the store", () => {
    const clean = audit(cleanLife('pos-x'));
    const report = withStoreFindings(clean, [
      discrepancy('exchange-order-differs', 'pos-x', 'order pos-x-e1 differs'),
      note('exchange-trade-unrecorded', 'pos-x', 'a trade on its way'),
      discrepancy('hash-chain-broken', null, 'stream risk: event 3 edited'),
    ]);
    equal(report.verdict, 'discrepancies');
    equal(auditExitCode(report), 1);
    deepStrictEqual(
      report.positions[0]!.findings.map((f) => f.check),
      ['exchange-order-differs', 'exchange-trade-unrecorded'],
    );
    deepStrictEqual(
      [report.positions[0]!.summary.discrepancies, report.positions[0]!.summary.notes],
      [1, 1],
    );
    deepStrictEqual(
      report.findings.map((f) => f.check),
      ['hash-chain-broken'],
    );
    deepStrictEqual([report.totals.discrepancies, report.totals.notes], [2, 1]);
    equal(withStoreFindings(clean, []), clean);
  });

  it('without timelines (what --summary prints) gives the same report, findings and evidence included, timelines empty', () => {
    const life = cleanLife('pos-tl-off');
    const rows = recorded(life);
    const fill = rows[7]!;
    const stores: Array<[string, Life, RecordedEvent[], number]> = [
      ['clean', life, rows, 10],
      ['a fill edited', life, editData(rows, 8, (d) => ({ ...d, fee: '40' })), 10],
      ['an event deleted', life, rows.filter((r) => r.streamVersion !== 3), 10],
      ['an event that does not decode', life, editData(rows, 3, (d) => ({ ...d, price: 'x' })), 10],
      [
        'a fill twice',
        life,
        [...rows, { ...fill, streamVersion: 11, metadata: { ...fill.metadata, eventId: 'again' } }],
        11,
      ],
      ['open', life, rows.slice(0, 7), 7],
    ];
    for (const [name, l, r, head] of stores) {
      const full = audit(l, r, { head });
      const lean = audit(l, r, { head, timelines: false });
      ok(
        full.positions.every((p) => p.timeline.length > 0),
        `${name}: the full report keeps timelines`,
      );
      ok(
        lean.positions.every((p) => p.timeline.length === 0),
        `${name}: no timeline kept`,
      );
      deepStrictEqual(
        lean,
        { ...full, positions: full.positions.map((p) => ({ ...p, timeline: [] })) },
        name,
      );
      if (name !== 'clean' && name !== 'open') ok(checksOf(lean).length > 0, name);
    }
  });
});
