import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessKeyOf, hogaCli, runEngine, runtimeOf } from './testing/engine-process.js';

interface Condition {
  readonly kind: string;
  readonly reason: string;
}
interface RiskStatus {
  readonly risk: { readonly state: string; readonly conditions?: readonly Condition[] };
}

/**
 * Issue 15 item 3 in the all-in-one (ADR 0028): `npm start`, then the paper account's key is
 * revoked through the emulator's knob; `hoga risk status` shows why entries cannot work while
 * the trading state stays ACTIVE, and the condition clears by itself once the key is restored.
 */
describe('npm start (all-in-one): a revoked exchange key', function () {
  this.timeout(240_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-lost-key-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('shows the reason in `hoga risk status` and clears it when the key works again', async () => {
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
      const status = (): RiskStatus | undefined => {
        const r = hoga('risk', 'status', '--json');
        return r.status === 0 ? (JSON.parse(r.stdout) as RiskStatus) : undefined;
      };
      const access = (s: RiskStatus | undefined) =>
        s?.risk.conditions?.find((c) => c.kind === 'exchange-access');
      const setKey = (body: object) =>
        fetch(`${runtime.emulator!.url}/__admin/accounts/${accessKey}/access`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });

      await until('risk status', () => status(), 60_000);
      equal(access(status()), undefined, 'no condition while the key works');
      equal((await setKey({ key: 'revoked' })).status, 200);
      const lost = await until('the access condition', () => access(status()), 60_000);
      ok(lost.reason.includes('invalid_access_key'), lost.reason);
      equal(status()?.risk.state, 'ACTIVE', 'the trading state is not changed');
      const text = hoga('risk', 'status');
      ok(text.stdout.includes('EXCHANGE ACCESS'), text.stdout);

      equal((await setKey({ key: 'ok' })).status, 200);
      await until(
        'the condition cleared',
        () => {
          const s = status();
          return s !== undefined && access(s) === undefined ? true : undefined;
        },
        90_000,
      );
    } finally {
      await engine.stop();
    }
  });
});
