import { equal, ok } from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainLink, contentHash } from '@hoga/event-store';
import { AuditStore } from './testing/audit-store.js';
import { runHoga, type HogaRun } from './testing/run-hoga.js';

/**
 * `hoga audit` proves the stored events untouched by their hash chain (ADR 0051): hand edits in
 * PostgreSQL, seeded here in SQL, are found with a `hash-chain-broken` finding and exit 1.
 */
describe('hoga audit: the hash chain (real PostgreSQL, the compiled CLI)', function () {
  this.timeout(60_000);
  let dir: string;
  let store: AuditStore;
  const hoga = (args: string[]): Promise<HogaRun> =>
    runHoga(['audit', ...args, ...store.args], dir, { PATH: process.env['PATH'] ?? '' });
  const sql = (text: string, params: unknown[]) => store.pool.query(text, params);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoga-audit-chain-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    store = await AuditStore.create('cli_audit_chain');
    await store.seed('pos-a');
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("a clean store's chains hold; --json gives each stream's chain head to keep", async () => {
    const run = await hoga(['all', '--json']);
    equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as {
      positions: Array<{ summary: { chainHead: string | null } }>;
    };
    const { rows } = await sql(
      `select encode(hash, 'hex') as hash from events where stream_id = $1 and stream_version = 10`,
      ['position-pos-a'],
    );
    equal(report.positions[0]?.summary.chainHead, (rows[0] as { hash: string }).hash);
  });

  it("an event's metadata edited in place (no ledger check sees it): exit 1", async () => {
    await sql(
      `update events set metadata = jsonb_set(metadata, '{correlationId}', '"forged"')
        where stream_id = $1 and stream_version = 2`,
      ['position-pos-a'],
    );
    const run = await hoga(['position', 'pos-a']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      /✗ hash-chain-broken @2: event 2's stored hash [0-9a-f]{16} is not the [0-9a-f]{16} its content and the previous hash give/.test(
        run.stdout,
      ),
      run.stdout,
    );
  });

  it('an event deleted: exit 1', async () => {
    await sql(`delete from events where stream_id = $1 and stream_version = 3`, ['position-pos-a']);
    const run = await hoga(['all']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        '✗ hash-chain-broken @4: the chain jumps from version 2 to 4: event(s) removed by hand',
      ),
      run.stdout,
    );
  });

  it('an event edited and its hash recomputed by hand, but not the next: found at the next', async () => {
    const { rows } = await sql(
      `select stream_id, type, data, metadata, encode(hash, 'hex') as hash from events
        where stream_id = $1 and stream_version in (1, 2) order by stream_version`,
      ['position-pos-a'],
    );
    const [first, second] = rows as Array<{
      stream_id: string;
      type: string;
      data: unknown;
      metadata: Record<string, unknown>;
      hash: string;
    }>;
    const metadata = { ...second!.metadata, correlationId: 'forged' };
    const forged = chainLink(
      first!.hash,
      contentHash({
        streamId: second!.stream_id,
        type: second!.type,
        data: second!.data,
        metadata,
      }),
    );
    await sql(
      `update events set metadata = $2::jsonb, hash = decode($3, 'hex')
        where stream_id = $1 and stream_version = 2`,
      ['position-pos-a', JSON.stringify(metadata), forged],
    );
    const run = await hoga(['position', 'pos-a']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(run.stdout.includes(`✗ hash-chain-broken @3: event 3's stored hash`), run.stdout);
    ok(!run.stdout.includes('hash-chain-broken @2'), run.stdout);
  });

  it('a risk event edited in place: audit risk and audit all find the broken chain (exit 1)', async () => {
    await store.seedRisk();
    equal((await hoga(['risk'])).code, 0);
    await sql(
      `update events set metadata = jsonb_set(metadata, '{correlationId}', '"forged"')
        where stream_id = 'risk' and stream_version = 3`,
      [],
    );
    const risk = await hoga(['risk']);
    equal(risk.code, 1, risk.stdout + risk.stderr);
    ok(
      /✗ hash-chain-broken @3: stream risk: event 3's stored hash [0-9a-f]{16} is not the [0-9a-f]{16}/.test(
        risk.stdout,
      ),
      risk.stdout,
    );
    const all = await hoga(['all']);
    equal(all.code, 1, all.stdout + all.stderr);
    ok(all.stdout.includes('✗ hash-chain-broken @3: stream risk: event 3'), all.stdout);
  });
});
