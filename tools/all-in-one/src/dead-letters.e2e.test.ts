import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectNatsBus } from '@hoga/bus';
import { coreRoute, subjects } from '@hoga/contracts';
import * as t from 'io-ts';
import { hogaCli, runEngine, runtimeOf } from './testing/engine-process.js';

interface Letters {
  readonly service: string;
  readonly count: number;
  readonly letters: readonly {
    subject: string;
    reason: string;
    by: string | null;
    preview: string;
  }[];
}

/**
 * Issue 15 item 9 in the all-in-one (ADR 0034): a message no service can decode is kept while
 * nobody listens for dead letters, and the operator finds it afterwards with `hoga deadletters`;
 * the engine goes on.
 */
describe('npm start (all-in-one): dead letters kept and shown', function () {
  this.timeout(180_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-dlq-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps an undecodable account state once and lists it by the service that met it and for everyone', async () => {
    const home = join(root, 'home');
    const engine = runEngine(home);
    try {
      await engine.until('started engine', (o) => o.includes('engine started'), 90_000);
      const runtime = runtimeOf(home);
      ok(runtime.natsUrl, 'the engine runs nats-server (the CLI needs it)');
      const hoga = hogaCli(runtime.natsUrl);

      // Something that is not an account state, on the subject risk-guard listens to.
      const intruder = await connectNatsBus({ servers: runtime.natsUrl, namespace: '' });
      await intruder.publish(coreRoute(subjects.accountState().subject, t.unknown), {
        balances: 'x'.repeat(3_000),
      });
      await intruder.close();

      const list = (...args: string[]): Letters => {
        const r = hoga('deadletters', ...args, '--json');
        equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout) as Letters;
      };
      // Kept once, by the first service that met it: risk-guard or the dashboard-gateway (both
      // follow the account state).
      const deadline = Date.now() + 30_000;
      let kept = list('all', subjects.accountState().subject);
      while (kept.letters.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        kept = list('all', subjects.accountState().subject);
      }
      equal(kept.letters.length, 1, JSON.stringify(kept));
      const by = kept.letters[0]?.by ?? '';
      const service = ['risk-guard', 'dashboard-gateway'].find((s) => by.endsWith(s));
      ok(service !== undefined, `dead-lettered by ${by}`);
      const mine = list(service, subjects.accountState().subject);
      equal(mine.letters.length, 1, JSON.stringify(mine));
      equal(mine.letters[0]?.reason, 'undecodable');
      ok(mine.letters[0]?.preview.includes('…[cut '), 'a preview, cut');
      ok(mine.count >= 1);
      const table = hoga('deadletters');
      equal(table.status, 0, table.stderr);
      ok(table.stdout.includes(subjects.accountState().subject), table.stdout);
      // The engine carries on: risk status still answers.
      equal(hoga('risk', 'status').status, 0);
    } finally {
      await engine.stop();
    }
  });
});
