import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { eventStreams } from '@hoga/contracts';
import { chainLink, contentHash, type ChainHead, type RecordedEvent } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { orderOfRow, tradeOfRow } from '../../adapters/executor-rows.codec.js';
import { cleanLife, recorded, type Life } from '../../testing/clean-life.fixture.js';
import { AuditRun, auditExitCode, type AuditReport } from '../audit-run.js';
import { executorRecords } from '../executor-records.js';

/** Audits the rows of a clean life, with the stream row's chain head when given. */
function audit(life: Life, rows: readonly RecordedEvent[], chainHead?: ChainHead): AuditReport {
  const stream = eventStreams.position(life.positionId as PositionId);
  const run = new AuditRun({ kind: 'position', positionId: life.positionId });
  run.expectStream(stream);
  for (const row of rows) run.add(row);
  return run.finish({
    records: executorRecords(
      life.orders.map((o) => orderOfRow({ ...o })),
      life.trades.map((t) => tradeOfRow({ ...t })),
    ),
    heads: new Map([[stream, chainHead?.version ?? rows.length]]),
    chainHeads: new Map(chainHead ? [[stream, chainHead]] : []),
  });
}

const chainFindings = (report: AuditReport) =>
  report.positions.flatMap((p) => p.findings).filter((f) => f.check === 'hash-chain-broken');

describe('hash-chain-broken (ADR 0051)', () => {
  it("a clean stream's chain holds and its head is in the summary for the auditor to keep", () => {
    const life = cleanLife('pos-chain');
    const rows = recorded(life);
    const report = audit(life, rows, { version: rows.length, hash: rows.at(-1)!.hash! });
    equal(auditExitCode(report), 0);
    equal(report.positions[0]!.summary.chainHead, rows.at(-1)!.hash);
  });

  it('an event edited in place, even one whose other checks would pass: found at its version', () => {
    const life = cleanLife('pos-chain-edit');
    // A metadata edit the ledger checks cannot see (who issued it, when).
    const rows = recorded(life).map((r) =>
      r.streamVersion === 3 ? { ...r, metadata: { ...r.metadata, correlationId: 'forged' } } : r,
    );
    const report = audit(life, rows);
    equal(auditExitCode(report), 1);
    const [finding] = chainFindings(report);
    equal(finding?.version, 3);
    equal(finding?.evidence['kind'], 'hash-mismatch');
    ok(
      /event 3's stored hash .* it was edited in place/.test(finding?.message ?? ''),
      finding?.message,
    );
    equal(report.positions[0]!.summary.chainHead, null);
  });

  it("an event's hash rewritten to match its edit, but not the next one's: found at the next", () => {
    const life = cleanLife('pos-chain-forged');
    const rows = recorded(life);
    const edited = { ...rows[2]!, metadata: { ...rows[2]!.metadata, correlationId: 'forged' } };
    const forged = { ...edited, hash: chainLink(rows[1]!.hash!, contentHash(edited)) };
    const report = audit(life, [...rows.slice(0, 2), forged, ...rows.slice(3)]);
    deepStrictEqual(
      chainFindings(report).map((f) => [f.version, f.evidence['kind']]),
      [[4, 'hash-mismatch']],
    );
  });

  it('an event deleted, an unhashed row, a cut tail', () => {
    const life = cleanLife('pos-chain-cut');
    const rows = recorded(life);
    const kinds = (report: AuditReport) =>
      chainFindings(report).map((f) => [f.version, f.evidence['kind']]);
    deepStrictEqual(
      kinds(
        audit(
          life,
          rows.filter((r) => r.streamVersion !== 5),
        ),
      ),
      [[6, 'version-gap']],
    );
    deepStrictEqual(
      kinds(
        audit(
          life,
          rows.map((r) => (r.streamVersion === 2 ? { ...r, hash: null } : r)),
        ),
      ),
      [[2, 'unhashed']],
    );
    deepStrictEqual(
      kinds(audit(life, rows.slice(0, -1), { version: rows.length, hash: rows.at(-1)!.hash! })),
      [[rows.length - 1, 'head-mismatch']],
    );
  });
});
