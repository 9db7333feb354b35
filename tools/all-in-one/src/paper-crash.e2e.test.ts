import { equal, ok } from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec, type Decimal } from '@hoga/model';
import { journalPathOf } from '@hoga/upbit-emulator';
import { homeOf } from './home-dir.js';
import {
  accessKeyOf,
  emulatorAdmin,
  hogaCli,
  jumpUp,
  runEngine,
  runtimeOf,
  stopOrphans,
  type EngineProcess,
} from './testing/engine-process.js';

interface Holding {
  currency: string;
  balance: string;
  locked: string;
}
interface ExchangeOrder {
  identifier?: string;
  side: string;
  state: string;
  executed_volume: string;
  paid_fee: string;
  trades: Array<{ funds: string }>;
}

const admin = emulatorAdmin;

const coinsHeld = async (url: string, key: string, coin: string): Promise<Decimal> => {
  const h = (await admin<Holding[]>(url, `accounts/${key}`)).find((b) => b.currency === coin);
  return h ? dec(h.balance).plus(h.locked) : dec(0);
};

/** I4 (holdings): the account's coins of a market = the volumes of its positions not closed. */
async function checkHoldings(engine: EngineProcess, url: string, key: string): Promise<void> {
  const open = [...engine.positions().values()].filter(
    (p) => p.market === 'KRW-BTC' && p.status !== 'closed',
  );
  const volume = open.reduce((sum, p) => sum.plus(p.volume), dec(0));
  const held = await coinsHeld(url, key, 'BTC');
  ok(
    held.eq(volume),
    `I4: the account holds ${held.toString()} BTC, positions ${volume.toString()}`,
  );
}

describe('npm start: the paper account survives kill -9 (issue 15 item 5)', function () {
  this.timeout(420_000);
  let root: string;
  let home: string;
  const running: EngineProcess[] = [];

  before(() => {
    // Running as root, PostgreSQL runs as `postgres`, which must reach <home>/pg.
    root = mkdtempSync(join(tmpdir(), 'hoga-paper-crash-'));
    chmodSync(root, 0o755);
    home = join(root, 'home');
  });
  after(async () => {
    for (const e of running) if (e.child.exitCode === null) await e.stop();
    await stopOrphans(home);
    await stopOrphans(join(root, 'power-cut'));
    rmSync(root, { recursive: true, force: true });
  });

  /** `npm start` on `at` until the immediate demo holds BTC, the price held still from then on. */
  async function holdingBtc(at: string, env: Record<string, string> = {}) {
    const engine = runEngine(at, env);
    running.push(engine);
    await engine.until('started engine', (o) => o.includes('engine started'), 120_000);
    // hold the price still so the demo cannot leave before the crash
    await admin(runtimeOf(at).emulator!.url, 'pause', { method: 'POST' });
    const holding = () =>
      [...engine.positions().values()].find((p) => p.market === 'KRW-BTC' && p.status === 'active');
    const position = await engine.untilValue('the immediate demo holding BTC', holding, 120_000);
    return { engine, position };
  }

  it('kill -9 after the entry fill; after the restart the exit sells the coins', async () => {
    const { engine: first, position } = await holdingBtc(home);
    const key = accessKeyOf(home);
    let url = runtimeOf(home).emulator!.url;
    const bought = dec(position.volume);
    ok(bought.gt(0));
    await checkHoldings(first, url, key);

    first.child.kill('SIGKILL');
    await first.exited;
    ok(existsSync(join(home, 'engine.lock')), 'a killed engine leaves its lock');
    await stopOrphans(home);

    const second = runEngine(home);
    running.push(second);
    await second.until('restarted engine', (o) => o.includes('engine started'), 120_000);
    ok(second.output().includes('account restored'), second.output());
    url = runtimeOf(home).emulator!.url;
    equal(
      (await coinsHeld(url, key, 'BTC')).toString(),
      bought.toString(),
      'the emulator account holds the coins bought before the crash',
    );
    await second.until(
      'the position rehydrated as active',
      () => second.positions().get(position.id)?.status === 'active',
      60_000,
    );
    await checkHoldings(second, url, key);

    // the emulator's timer runs again; take-profit is +1 %: move up until the position leaves
    await second.until(
      'the position closed',
      () => {
        jumpUp(url);
        return second.positions().get(position.id)?.status === 'closed';
      },
      120_000,
    );
    const orders = (
      await admin<ExchangeOrder[]>(url, `orders?accessKey=${encodeURIComponent(key)}`)
    ).filter((o) => o.identifier?.startsWith(position.id) === true);
    const sells = orders.filter((o) => o.side === 'ask');
    equal(sells.length, 1, JSON.stringify(orders));
    equal(sells[0]!.state, 'done');
    equal(dec(sells[0]!.executed_volume).toString(), bought.toString(), 'sold every coin bought');
    // the sell is recorded: realized PnL = the exchange's (proceeds - fees - cost), to the won
    const pnl = orders.reduce((sum, o) => {
      const funds = o.trades.reduce((s, t) => s.plus(t.funds), dec(0));
      return o.side === 'ask'
        ? sum.plus(funds).minus(o.paid_fee)
        : sum.minus(funds).minus(o.paid_fee);
    }, dec(0));
    const realized = dec(second.positions().get(position.id)!.realized.replaceAll(',', ''));
    ok(
      realized.minus(pnl).abs().lte(1),
      `realized ${realized.toString()} vs exchange ${pnl.toString()}`,
    );
    await checkHoldings(second, url, key);
    equal(await second.stop(), 0, second.output());
  });
  // ADR 0032 addendum 6: what a lost journal tail costs (a power cut under `HOGA_EMULATOR_FSYNC=batch`
  // or `off`, or a disk that acknowledged a flush it did not make) is not silent.
  it('a journal tail lost to a power cut: the restart reports the coins the account lacks', async () => {
    const cut = join(root, 'power-cut');
    const { engine: first, position } = await holdingBtc(cut, { HOGA_EMULATOR_FSYNC: 'batch' });
    first.child.kill('SIGKILL');
    await first.exited;
    await stopOrphans(cut);

    // What a power cut within `batch`'s ~10 ms flush window does: the journal's tail never reached
    // the disk. Cut it from the record of the entry order (its identifier starts with the
    // position's id): the paper account never bought, while PostgreSQL kept the position holding.
    const journal = journalPathOf(homeOf({ HOGA_HOME: cut }).emulatorAccount);
    const bytes = readFileSync(journal);
    const at = bytes.indexOf(position.id);
    ok(at > 0, 'the entry order is in the journal');
    truncateSync(journal, bytes.lastIndexOf(0x0a, at) + 1);

    const second = runEngine(cut, {
      HOGA_EMULATOR_FSYNC: 'batch',
      HOGA_ACCOUNT_WATCH__INTERVAL_MS: '500',
    });
    running.push(second);
    await second.until('restarted engine', (o) => o.includes('engine started'), 120_000);
    const runtime = runtimeOf(cut);
    equal((await coinsHeld(runtime.emulator!.url, accessKeyOf(cut), 'BTC')).toString(), '0');
    const hoga = hogaCli(runtime.natsUrl!);
    interface Drift {
      readonly finding: { readonly kind: string; readonly market: string; readonly volume: string };
    }
    const drift = await second.untilValue(
      'the balance-drift finding',
      () => {
        const r = hoga('account', 'status', '--json');
        equal(r.status, 0, r.stderr);
        const findings = (JSON.parse(r.stdout) as { findings: readonly Drift[] }).findings;
        return findings.find((f) => f.finding.kind === 'balance-drift');
      },
      60_000,
    );
    equal(drift.finding.market, 'KRW-BTC');
    equal(dec(drift.finding.volume).toString(), dec(position.volume).toString());
    const log = readFileSync(join(cut, 'logs', 'engine.log'), 'utf8');
    ok(/account finding.*balance-drift/.test(log), 'the finding is logged beside its alert');
    equal(await second.stop(), 0, second.output());
  });
});
