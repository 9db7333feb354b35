import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessKeyOf, hogaCli, runEngine, runtimeOf } from './testing/engine-process.js';

interface Finding {
  readonly finding: { readonly findingId: string; readonly exchangeOrderId: string | null };
  readonly acknowledged: { readonly issuedBy: string; readonly reason: string } | null;
}
interface Status {
  readonly openFindings: number;
  readonly findings: readonly Finding[];
}

/**
 * Issue 15 item 2 in the all-in-one (ADR 0026): `npm start`, then a person places an order on the
 * paper account through the emulator's "another client" knob; `hoga account status` shows it
 * (and nothing of the demo's own orders), `hoga account ack` records who and why.
 */
describe('npm start (all-in-one): an order hoga did not place', function () {
  this.timeout(180_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-foreign-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is found, shown by `hoga account status` and acknowledged by `hoga account ack`', async () => {
    const home = join(root, 'home');
    const engine = runEngine(home);
    const until = engine.untilValue.bind(engine);
    try {
      await engine.until('started engine', (o) => o.includes('engine started'), 90_000);
      const runtime = runtimeOf(home);
      ok(runtime.natsUrl, 'the engine runs nats-server (the CLI needs it)');
      ok(runtime.emulator, 'the engine runs the emulator');
      const accessKey = accessKeyOf(home);
      const hoga = hogaCli(runtime.natsUrl);

      const placed = await fetch(`${runtime.emulator.url}/__admin/accounts/${accessKey}/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          market: 'KRW-BTC',
          side: 'bid',
          ord_type: 'limit',
          price: '10000000',
          volume: '0.001',
        }),
      });
      equal(placed.status, 200);
      const uuid = ((await placed.json()) as { uuid: string }).uuid;

      const status = (all = false): Status => {
        const r = hoga('account', 'status', ...(all ? ['all'] : []), '--json');
        equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout) as Status;
      };
      const found = await until(
        'the finding',
        () => {
          const s = status();
          return s.openFindings > 0 ? s : undefined;
        },
        60_000,
      );
      equal(found.openFindings, 1, "only the foreign order: the demo's orders are hoga's");
      equal(found.findings[0]?.finding.exchangeOrderId, uuid);
      const text = hoga('account', 'status');
      ok(text.stdout.includes(`foreign-order:${uuid}`), text.stdout);

      const ack = hoga(
        'account',
        'ack',
        `foreign-order:${uuid}`,
        '--as',
        'e2e',
        '--reason',
        'placed by hand',
      );
      equal(ack.status, 0, ack.stderr);
      equal(status().openFindings, 0);
      const acked = status(true).findings.find((f) => f.finding.exchangeOrderId === uuid);
      equal(acked?.acknowledged?.issuedBy, 'cli:e2e');
      equal(acked?.acknowledged?.reason, 'placed by hand');
    } finally {
      await engine.stop();
    }
  });
});
