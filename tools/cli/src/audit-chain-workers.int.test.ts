import { deepEqual, equal, ok } from 'node:assert/strict';
import { auditOpsPostgres, auditPostgres, type AuditReport, type AuditScope } from '@hoga/audit';
import { AuditStore } from './testing/audit-store.js';

/**
 * The hash chains walked in worker threads (ADR 0048, addendum "speed"): each worker reads its
 * share of the streams in the audit's exported snapshot on its own connection. Whatever the
 * number of workers, the report is the one the main thread's walk gives — on a clean store and
 * on one spoiled by hand in every way the chain detects.
 */
describe('hoga audit: hash chains walked in worker threads (real PostgreSQL)', function () {
  this.timeout(120_000);
  let store: AuditStore;
  const sql = (text: string, params: unknown[] = []) => store.pool.query(text, params);
  const chainFindings = (report: AuditReport): string[] =>
    report.positions
      .flatMap((p) => p.findings)
      .filter((f) => f.check === 'hash-chain-broken')
      .map((f) => `${f.positionId}@${f.version ?? '-'}: ${f.message}`);
  /** The report with 0 (the main thread), 1, 2 and 3 workers: all must be the same. */
  const sameWithWorkers = async (scope: AuditScope): Promise<AuditReport> => {
    const main = await auditPostgres(store.pool, scope, { chainWorkers: 0 });
    for (const chainWorkers of [1, 2, 3])
      deepEqual(
        await auditPostgres(store.pool, scope, { chainWorkers }),
        main,
        `${chainWorkers} worker(s)`,
      );
    return main;
  };

  beforeEach(async () => {
    store = await AuditStore.create('cli_audit_chain_workers');
    for (const p of ['pos-a', 'pos-b', 'pos-c', 'pos-d', 'pos-e', 'pos-f']) await store.seed(p);
    await store.seedRisk();
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('a clean store: the same clean report, every chain head given', async () => {
    const report = await sameWithWorkers({ kind: 'all' });
    equal(report.verdict, 'clean');
    equal(report.totals.events, 60);
    ok(report.positions.every((p) => p.summary.chainHead !== null));
  });

  it('edits, a removed event, an unhashed row, a cut tail: the same findings', async () => {
    // pos-a: metadata edited (only the chain sees it).
    await sql(
      `update events set metadata = jsonb_set(metadata, '{correlationId}', '"forged"')
        where stream_id = 'position-pos-a' and stream_version = 2`,
    );
    // pos-b: an event removed in the middle.
    await sql(`delete from events where stream_id = 'position-pos-b' and stream_version = 4`);
    // pos-c: a row's hash removed.
    await sql(
      `update events set hash = null where stream_id = 'position-pos-c' and stream_version = 6`,
    );
    // pos-d: the tail cut, the streams row left as it was.
    await sql(`delete from events where stream_id = 'position-pos-d' and stream_version = 10`);
    // pos-e: the stream's head hash rewritten.
    await sql(`update streams set head_hash = '\\x00' where stream_id = 'position-pos-e'`);
    const report = await sameWithWorkers({ kind: 'all' });
    equal(report.verdict, 'discrepancies');
    const found = chainFindings(report);
    for (const [position, version] of [
      ['pos-a', '2'],
      ['pos-b', '5'],
      ['pos-c', '6'],
      ['pos-d', '9'],
      ['pos-e', '10'],
    ])
      ok(
        found.some((f) => f.startsWith(`${position}@${version}:`)),
        `${position}@${version} in ${found.join('\n')}`,
      );
    equal(found.filter((f) => f.startsWith('pos-f')).length, 0);
  });

  it('one position and a time window read by id: the same reports', async () => {
    await sql(
      `update events set data = jsonb_set(data, '{detail}', '"edited"')
        where stream_id = 'position-pos-c' and stream_version = 6`,
    );
    const one = await sameWithWorkers({ kind: 'position', positionId: 'pos-c' });
    ok(
      chainFindings(one).some((f) => f.startsWith('pos-c@6:')),
      chainFindings(one).join('\n'),
    );
    const window = await sameWithWorkers({
      kind: 'window',
      from: '2000-01-01T00:00:00Z',
      to: '2100-01-01T00:00:00Z',
      market: null,
    });
    equal(window.totals.positions, 6);
    deepEqual(chainFindings(window), chainFindings(one));
  });

  it('the ops audit (timelines kept) is the same with workers', async () => {
    const main = await auditOpsPostgres(store.pool, { chainWorkers: 0 });
    deepEqual(await auditOpsPostgres(store.pool, { chainWorkers: 2 }), main);
  });
});
