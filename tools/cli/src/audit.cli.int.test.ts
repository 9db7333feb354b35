import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foreignOrderFinding } from '@hoga/contracts/testing';
import { createTestSchema } from '@hoga/testkit';
import pg from 'pg';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@hoga/event-store';
import { AuditStore } from './testing/audit-store.js';
import { runHoga, type HogaRun } from './testing/run-hoga.js';

/**
 * `hoga audit` against real PostgreSQL: a clean store proves out (exit 0); each discrepancy
 * seeded by hand in SQL is found with a readable finding (exit 1); what cannot be audited says
 * why (exit 2).
 */
describe('hoga audit (real PostgreSQL, the compiled CLI)', function () {
  this.timeout(60_000);
  let dir: string;
  let store: AuditStore;
  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '' });
  const hoga = (args: string[]): Promise<HogaRun> =>
    runHoga(['audit', ...args, ...store.args], dir, env());
  const events = (sql: string, params: unknown[]) => store.pool.query(sql, params);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoga-audit-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    store = await AuditStore.create('cli_audit');
    await store.seed('pos-a');
    await store.seed('pos-b');
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('proves a clean store: timeline, summary, exit 0', async () => {
    const run = await hoga(['all']);
    equal(run.code, 0, run.stdout + run.stderr);
    ok(run.stdout.includes('position pos-a  KRW-BTC  btc-audit  closed (take-profit)'), run.stdout);
    ok(/10\s+2026-12-07T01:06:00.000Z\s+PositionClosed\s+closed/.test(run.stdout), run.stdout);
    ok(/1\s+2026-12-07T01:00:00.000Z\s+PositionOpened\s+pending.*cli:alice@desk/.test(run.stdout));
    ok(
      run.stdout.includes(
        "audit: clean — 2 position(s), 20 event(s); realized PnL 1798.1005 KRW = order-executor's trades 1798.1005 KRW",
      ),
      run.stdout,
    );
  });

  it('prints one position as JSON, cross-checked with xstate (--reference)', async () => {
    const run = await hoga(['position', 'pos-b', '--json', '--reference']);
    equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      verdict: string;
      reference: boolean;
      positions: Array<{
        summary: { positionId: string; realizedPnlKrw: string };
        timeline: unknown[];
      }>;
    };
    equal(report.verdict, 'clean');
    equal(report.reference, true);
    deepStrictEqual(
      report.positions.map((p) => [
        p.summary.positionId,
        p.summary.realizedPnlKrw,
        p.timeline.length,
      ]),
      [['pos-b', '899.05025', 10]],
    );
  });

  it("finds a trades row's fee changed (exit 1)", async () => {
    await events(`update trades set fee = fee + 0.001 where trade_uuid = $1`, ['pos-a-t2']);
    const run = await hoga(['all', '--summary']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        '  ✗ fee-rule: trade pos-a-t2: fee 50.47575 KRW is not funds x the fee rate (50.47475 KRW)',
      ),
      run.stdout,
    );
    ok(run.stdout.includes('audit: 3 discrepancy(ies) in 1 of 2 position(s)'), run.stdout);
    ok(run.stderr.includes('audit found 3 discrepancy(ies)'), run.stderr);
    const one = await hoga(['position', 'pos-a']);
    equal(one.code, 1);
    ok(
      one.stdout.includes(
        '✗ fee-rule: trade pos-a-t2: fee 50.47575 KRW is not funds x the fee rate',
      ),
      one.stdout,
    );
    ok(
      one.stdout.includes(
        "✗ realized-pnl: realized PnL from the events is 899.05025 KRW, from order-executor's trades 899.04925 KRW",
      ),
      one.stdout,
    );
  });

  it("finds an event's data edited in place (exit 1)", async () => {
    await events(
      `update events set data = jsonb_set(data, '{fee}', '"40"') where stream_id = $1 and stream_version = 8`,
      ['position-pos-b'],
    );
    const run = await hoga(['position', 'pos-b']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        '✗ fill-matches-trade @8: fill of trade pos-b-t2 (version 8) differs from its trades row in fee (event 40, trades 50.47475)',
      ),
      run.stdout,
    );
    ok(
      run.stdout.includes(
        '✗ transition-legal @10: the position machine refuses PositionClosed in state closing',
      ),
      run.stdout,
    );
    ok(/10!\s+2026-12-07T01:06:00.000Z\s+PositionClosed\s+closing/.test(run.stdout), run.stdout);
  });

  it('finds an event deleted (exit 1)', async () => {
    await events(`delete from events where stream_id = $1 and stream_version = 3`, [
      'position-pos-a',
    ]);
    const run = await hoga(['all']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        '✗ stream-gapless @4: stream versions jump from 2 to 4: 1 event(s) missing',
      ),
      run.stdout,
    );
    ok(run.stdout.includes('✗ trade-applied: trade pos-a-t1 of order pos-a-e1'), run.stdout);
  });

  it('finds a fill recorded twice (exit 1)', async () => {
    await events(
      `insert into events (stream_id, stream_version, type, data, metadata)
         select stream_id, 11, type, data, jsonb_set(metadata, '{eventId}', '"pos-b-again"')
           from events where stream_id = $1 and stream_version = 8`,
      ['position-pos-b'],
    );
    await events(`update streams set version = 11 where stream_id = $1`, ['position-pos-b']);
    const run = await hoga(['all']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        '✗ trade-applied-once @11: trade pos-b-t2 is recorded by 2 fill events: pos-b@8, pos-b@11',
      ),
      run.stdout,
    );
    ok(
      run.stdout.includes(
        '✗ transition-legal @11: the position machine refuses ExitFilled in state closed',
      ),
      run.stdout,
    );
  });

  it('audits a time window and a market; refuses a reversed window (exit 2)', async () => {
    const inWindow = await hoga([
      '--from',
      '2000-01-01T00:00:00Z',
      '--to',
      '2100-01-01T00:00:00+09:00',
      '--market',
      'KRW-BTC',
      '--summary',
    ]);
    equal(inWindow.code, 0, inWindow.stderr);
    ok(inWindow.stdout.includes('audit: clean — 2 position(s)'), inWindow.stdout);
    const otherMarket = await hoga([
      '--from',
      '2000-01-01T00:00:00Z',
      '--to',
      '2100-01-01T00:00:00Z',
      '--market',
      'KRW-ETH',
    ]);
    equal(otherMarket.code, 0);
    ok(otherMarket.stdout.includes('no positions in scope'), otherMarket.stdout);
    const reversed = await hoga(['--from', '2026-12-08T00:00:00Z', '--to', '2026-12-07T00:00:00Z']);
    equal(reversed.code, 2);
    ok(reversed.stderr.includes('--from must be before --to'), reversed.stderr);
    const noZone = await hoga(['--from', '2026-12-07', '--to', '2026-12-08T00:00:00Z']);
    equal(noZone.code, 2);
    ok(noZone.stderr.includes('--from takes an ISO-8601 time with its zone'), noZone.stderr);
  });

  it('says why it cannot audit: unknown position, not a hoga database, a store before the hash chain, no database (exit 2)', async () => {
    const unknown = await hoga(['position', 'pos-nobody']);
    equal(unknown.code, 2);
    ok(
      unknown.stderr.includes(
        'could not audit (unknown-position): no position pos-nobody in this store',
      ),
      unknown.stderr,
    );
    const empty = await createTestSchema('cli_audit_empty');
    try {
      const notHoga = await runHoga(
        ['audit', 'all', '--database', empty.connectionString, '--schema', empty.schema],
        dir,
        env(),
      );
      equal(notHoga.code, 2);
      ok(
        notHoga.stderr.includes(`could not audit (not-hoga): schema "${empty.schema}"`),
        notHoga.stderr,
      );
      ok(notHoga.stderr.includes("is this hoga's database?"), notHoga.stderr);
      // an event store from before the hash chain (migration 0002 not run): told how to migrate
      const c = new pg.Client(empty.poolConfig);
      await c.connect();
      try {
        await c.query(`create table events (stream_id text); create table event_store_migration (name text);
          insert into event_store_migration values ('0001_event_store_tables')`);
      } finally {
        await c.end();
      }
      const old = await runHoga(
        ['audit', 'all', '--database', empty.connectionString, '--schema', empty.schema],
        dir,
        env(),
      );
      equal(old.code, 2);
      ok(old.stderr.includes('could not audit (not-migrated):'), old.stderr);
      ok(old.stderr.includes('migration 0002_hash_chain has not run'), old.stderr);
    } finally {
      await empty.dispose();
    }
    const none = await runHoga(['audit', 'all'], dir, env());
    equal(none.code, 2);
    ok(none.stderr.includes('no database: no --database, no DATABASE_URL'), none.stderr);
    const down = await runHoga(
      ['audit', 'all', '--database', 'postgres://postgres@127.0.0.1:1/test'],
      dir,
      env(),
    );
    equal(down.code, 2);
    ok(
      down.stderr.includes(
        'could not audit (database): cannot reach the database: connect ECONNREFUSED',
      ),
      down.stderr,
    );
  });

  it("a tampered row: metadata that is not the store's exits 2 (corrupt-row, why); data that does not decode is a finding (exit 1)", async () => {
    await events(
      `update events set data = jsonb_set(data, '{price}', '"not a price"') where stream_id = $1 and stream_version = 3`,
      ['position-pos-a'],
    );
    const summary = await hoga(['all', '--summary']);
    equal(summary.code, 1, summary.stdout + summary.stderr);
    ok(/✗ event-decodes @3: EntryFilled at version 3 does not decode: /.test(summary.stdout));
    const full = await hoga(['all']);
    // --summary prints the findings and the summary table exactly as the full report does
    const tail = summary.stdout.slice(summary.stdout.indexOf('POSITION'));
    ok(tail.length > 0 && full.stdout.endsWith(tail), full.stdout);
    ok(full.stdout.includes('does not decode'), full.stdout);
    // --json keeps the timelines even with --summary
    const json = await hoga(['all', '--summary', '--json']);
    const report = JSON.parse(json.stdout) as { positions: Array<{ timeline: unknown[] }> };
    deepStrictEqual(
      report.positions.map((p) => p.timeline.length),
      [10, 10],
    );
    await events(
      `update events set metadata = jsonb_set(metadata, '{eventId}', '5') where stream_id = $1 and stream_version = 4`,
      ['position-pos-b'],
    );
    const corrupt = await hoga(['all', '--summary']);
    equal(corrupt.code, 2, corrupt.stdout + corrupt.stderr);
    ok(corrupt.stderr.includes('could not audit (corrupt-row):'), corrupt.stderr);
    ok(corrupt.stderr.includes('eventId'), corrupt.stderr);
  });

  it('audit risk: every transition with who and why, the breach figures; a breach edited is found', async () => {
    await store.seedRisk();
    const clean = await hoga(['risk']);
    equal(clean.code, 0, clean.stdout + clean.stderr);
    ok(/TradingStateChanged\s+ACTIVE -> HALTED\s+loss-limit/.test(clean.stdout), clean.stdout);
    ok(
      /TradingStateChanged\s+HALTED -> ACTIVE\s+cli:bob@desk\s+checked, market calm/.test(
        clean.stdout,
      ),
      clean.stdout,
    );
    ok(clean.stdout.includes('lossKrw 60000, lossRatePct 6, limitKrw 50000'), clean.stdout);
    ok(clean.stdout.includes('audit risk: clean — 4 event(s)'), clean.stdout);
    await events(
      `update events set data = jsonb_set(data, '{evaluation,lossKrw}', '"40000"') where stream_id = 'risk' and stream_version = 2`,
      [],
    );
    const edited = await hoga(['risk']);
    equal(edited.code, 1, edited.stdout + edited.stderr);
    ok(
      edited.stdout.includes(
        '✗ breach-figures @2: the breach at version 2 does not add up: lossKrw 40000 (expected 60000)',
      ),
      edited.stdout,
    );
  });

  it('audit ops: every operator command, who, what, when, result', async () => {
    await store.seedRisk();
    const run = await hoga(['ops']);
    equal(run.code, 0, run.stdout + run.stderr);
    const lines = run.stdout.split('\n');
    ok(/^AT\s+BY\s+COMMAND\s+TARGET\s+REASON\s+COMMAND ID\s+RESULT/.test(lines[0]!), run.stdout);
    ok(
      lines.some((l) =>
        /2026-12-07T01:00:00.000Z\s+cli:alice@desk\s+PositionOpened\s+pos-a@1\s+-\s+-\s+applied/.test(
          l,
        ),
      ),
      run.stdout,
    );
    ok(
      lines.some((l) =>
        /cli:bob@desk\s+TradingStateChanged HALTED -> ACTIVE\s+trading@4\s+checked, market calm\s+resume-1\s+applied/.test(
          l,
        ),
      ),
      run.stdout,
    );
    equal(lines.filter((l) => l.includes('applied')).length, 4, run.stdout);
  });

  it("audit ops lists the operators' acknowledgements of the account watch's findings", async () => {
    const occurredAt = '2026-12-07T03:00:00.000Z';
    const meta = (n: number) => ({
      eventId: `af-${n}`,
      occurredAt,
      causationId: null,
      correlationId: `af-${n}`,
    });
    await new PostgresEventStore(store.pool).append(
      'account-findings',
      [
        {
          type: 'AccountFindingRecorded',
          data: {
            finding: foreignOrderFinding('u-77', {
              placedAt: occurredAt,
              detectedAt: occurredAt,
            }),
          },
          metadata: meta(1),
        },
        {
          type: 'AccountFindingAcknowledged',
          data: {
            findingId: 'foreign-order:u-77',
            commandId: 'ack-77',
            issuedBy: 'cli:carol@desk',
            reason: 'placed by hand on the web',
            at: '2026-12-07T03:05:00.000Z',
          },
          metadata: meta(2),
        },
      ],
      { expectedVersion: 'no-stream' },
    );
    const run = await hoga(['ops']);
    equal(run.code, 0, run.stdout + run.stderr);
    ok(
      /2026-12-07T03:05:00.000Z\s+cli:carol@desk\s+AccountFindingAcknowledged foreign-order:u-77\s+account-findings@2\s+placed by hand on the web\s+ack-77\s+applied/.test(
        run.stdout,
      ),
      run.stdout,
    );
    const json = await hoga(['ops', '--json']);
    const listed = (JSON.parse(json.stdout) as { commands: Array<{ commandId: string }> }).commands;
    ok(
      listed.some((c) => c.commandId === 'ack-77'),
      json.stdout,
    );
  });

  it('audit risk and audit ops take a window; a reversed or half window is refused (exit 2)', async () => {
    await store.seedRisk();
    // Recorded when they happened (the window selects by recorded_at; the chain does not cover it).
    await events(
      `update events set recorded_at = (metadata->>'occurredAt')::timestamptz where stream_id = 'risk'`,
      [],
    );
    const risk = await hoga([
      'risk',
      '--from',
      '2026-12-07T02:40:00Z',
      '--to',
      '2026-12-07T03:00:00Z',
    ]);
    equal(risk.code, 0, risk.stdout + risk.stderr);
    ok(/TradingStateChanged\s+HALTED -> ACTIVE/.test(risk.stdout), risk.stdout);
    ok(!risk.stdout.includes('LossLimitArmed'), risk.stdout);
    ok(risk.stdout.includes('audit risk: clean — 1 event(s)'), risk.stdout);
    const ops = await hoga([
      'ops',
      '--from',
      '2026-12-07T02:40:00Z',
      '--to',
      '2026-12-07T03:00:00Z',
    ]);
    equal(ops.code, 0, ops.stdout + ops.stderr);
    const applied = ops.stdout.split('\n').filter((l) => l.includes('applied'));
    equal(applied.length, 1, ops.stdout);
    ok(applied[0]!.includes('HALTED -> ACTIVE'), ops.stdout);
    const reversed = await hoga([
      'risk',
      '--from',
      '2026-12-08T00:00:00Z',
      '--to',
      '2026-12-07T00:00:00Z',
    ]);
    equal(reversed.code, 2, reversed.stdout + reversed.stderr);
    ok(reversed.stderr.includes('--from must be before --to'), reversed.stderr);
    const half = await hoga(['ops', '--from', '2026-12-07T00:00:00Z']);
    equal(half.code, 2, half.stderr);
    ok(half.stderr.includes('usage: hoga audit ops [--from T --to T] [--json]'), half.stderr);
    const bad = await hoga(['ops', '--from', 'yesterday', '--to', '2026-12-07T00:00:00Z']);
    equal(bad.code, 2, bad.stderr);
    ok(bad.stderr.includes('--from takes an ISO-8601 time with its zone'), bad.stderr);
  });

  it('draws a progress bar on a terminal (a pty by script(1)), nothing of it into a pipe', async () => {
    const main = fileURLToPath(new URL('./main.js', import.meta.url));
    const line = [process.execPath, main, 'audit', 'all', ...store.args]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const tty = await promisify(execFile)('script', ['-qec', line, '/dev/null'], {
      cwd: dir,
      env: env(),
    });
    ok(
      tty.stdout.includes('\r\x1b[2Kaudit [########################] 20/20 events'),
      JSON.stringify(tty.stdout.slice(0, 400)),
    );
    const piped = await hoga(['all']);
    equal(piped.code, 0, piped.stderr);
    ok(!piped.stderr.includes('\r'), JSON.stringify(piped.stderr));
    ok(!piped.stdout.includes('\r'), 'no bar in the report');
  });
});
