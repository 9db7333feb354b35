import { equal, ok } from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanLife, withExchangeIds, type ExchangeIds } from '@hoga/audit/testing';
import { UpbitClient, type UpbitOrderDetail } from '@hoga/upbit';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import { AuditStore } from './testing/audit-store.js';
import { runHoga, type HogaRun } from './testing/run-hoga.js';

const MARKET = 'KRW-BTC';
const KEYS = { accessKey: 'audit-access-key', secretKey: 'audit-secret-key-0123456789abcdef' };

/** An emulator whose book fills a 99,950 KRW market buy at 100,000,000 exactly (one level). */
const exchangeAt = (feeRate: string): Promise<RunningEmulator> =>
  startEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: 7,
    paused: true,
    feeRate,
    markets: [
      {
        market: MARKET,
        startPrice: '99999000',
        volatility: 0,
        jumpProbability: 0,
        book: { levelKrw: '1000000000' },
      },
    ],
    accounts: [{ ...KEYS, balances: { KRW: '10000000' } }],
  });

/**
 * `hoga audit --exchange` against the Upbit emulator (real REST, signed, paced by the client) and
 * real PostgreSQL: a position traded on the emulator and recorded as hoga records it proves out
 * (exit 0); a second exchange order for one intent, a fee the exchange charged differently, are
 * found (exit 1); an unreachable exchange or refused keys are exit 2, never printing a key.
 */
describe('hoga audit --exchange (the emulator, real PostgreSQL, the compiled CLI)', function () {
  this.timeout(90_000);
  let dir: string;
  let store: AuditStore;
  let emulator: RunningEmulator;
  let client: UpbitClient;
  const env = (over: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'] ?? '',
    HOGA_UPBIT__BASE_URL: emulator.url,
    HOGA_UPBIT__ACCESS_KEY: KEYS.accessKey,
    HOGA_UPBIT__SECRET_KEY: KEYS.secretKey,
    ...over,
  });
  const hoga = (args: string[], e = env()): Promise<HogaRun> =>
    runHoga(['audit', ...args, ...store.args], dir, e);

  const get = (uuid: string): Promise<UpbitOrderDetail> => client.orders.get({ uuid });

  /** Trades `positionId`'s clean life on the emulator (buy at 100,000,000, sell at 101,000,000). */
  async function tradeOnExchange(positionId: string): Promise<ExchangeIds> {
    emulator.admin.setPrice(MARKET, '99999000');
    const buy = await client.orders.place({
      market: MARKET,
      side: 'bid',
      ord_type: 'price',
      price: '99950',
      identifier: `${positionId}-e1`,
    });
    emulator.admin.setPrice(MARKET, '101001000');
    const sell = await client.orders.place({
      market: MARKET,
      side: 'ask',
      ord_type: 'market',
      volume: '0.0009995',
      identifier: `${positionId}-x1`,
    });
    const [entry, exit] = [await get(buy.uuid), await get(sell.uuid)];
    equal(entry.trades.length, 1);
    equal(exit.trades.length, 1);
    return {
      entryUuid: entry.uuid,
      exitUuid: exit.uuid,
      entryTrade: entry.trades[0]!.uuid,
      exitTrade: exit.trades[0]!.uuid,
      entryState: entry.state,
    };
  }

  async function start(feeRate = '0.0005'): Promise<void> {
    emulator = await exchangeAt(feeRate);
    client = new UpbitClient({ baseUrl: emulator.url, credentials: KEYS });
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoga-audit-exchange-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    store = await AuditStore.create('cli_audit_exchange');
  });
  afterEach(async () => {
    await emulator.close();
    await store.dispose();
  });

  it("a position traded on the exchange proves out against the exchange's own records (exit 0)", async () => {
    await start();
    await store.seedLife(withExchangeIds(cleanLife('pos-a'), await tradeOnExchange('pos-a')));
    const run = await hoga(['all', '--exchange']);
    equal(run.code, 0, run.stdout + run.stderr);
    ok(run.stdout.includes('audit: clean — 1 position(s), 10 event(s)'), run.stdout);
    ok(!run.stdout.includes('exchange-'), run.stdout);
  });

  it('a second exchange order for one intent (made on the emulator) is found (exit 1)', async () => {
    await start();
    await store.seedLife(withExchangeIds(cleanLife('pos-a'), await tradeOnExchange('pos-a')));
    const second = await client.orders.place({
      market: MARKET,
      side: 'bid',
      ord_type: 'price',
      price: '99950',
      identifier: 'pos-a-e1-again',
    });
    const run = await hoga(['position', 'pos-a', '--exchange']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        `✗ exchange-order-duplicate: the exchange holds a second order for intent pos-a-e1: ${second.uuid} (identifier pos-a-e1-again, bid`,
      ),
      run.stdout,
    );
  });

  it("a second exchange order whose fill order-executor recorded under the intent's order (exit 1)", async () => {
    await start();
    const ids = await tradeOnExchange('pos-b');
    await store.seedLife(withExchangeIds(cleanLife('pos-b'), ids));
    // Another client of the account buys (no identifier); order-executor wrongly takes its fill
    // for the intent's: its trades row now names that trade.
    const other = await client.orders.place({
      market: MARKET,
      side: 'bid',
      ord_type: 'price',
      price: '99950',
    });
    const otherTrade = (await get(other.uuid)).trades[0]!.uuid;
    await store.pool.query(`update trades set trade_uuid = $1 where trade_uuid = $2`, [
      otherTrade,
      ids.entryTrade,
    ]);
    const run = await hoga(['all', '--exchange']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      run.stdout.includes(
        `✗ exchange-trade-unknown: trade ${otherTrade} of order pos-b-e1 (0.0009995 at 100000000) is not one of the exchange order ${ids.entryUuid}'s trades`,
      ),
      run.stdout,
    );
    ok(
      run.stdout.includes(
        `✗ exchange-order-duplicate: the exchange holds a second order for intent pos-b-e1: ${other.uuid} (identifier none, bid`,
      ),
      run.stdout,
    );
    ok(
      run.stdout.includes(`order-executor recorded its trade(s) ${otherTrade} under pos-b-e1`),
      run.stdout,
    );
  });

  it('a fee the exchange charged differently from the trades rows is found (exit 1)', async () => {
    await start('0.0004');
    await store.seedLife(withExchangeIds(cleanLife('pos-a'), await tradeOnExchange('pos-a')));
    const run = await hoga(['all', '--exchange']);
    equal(run.code, 1, run.stdout + run.stderr);
    ok(
      /✗ exchange-order-differs: order pos-a-e1 differs from the exchange's [0-9a-f-]+: paid fee 49\.975 \(exchange 39\.98\)/.test(
        run.stdout,
      ),
      run.stdout,
    );
    ok(
      /✗ exchange-order-differs: order pos-a-x1 differs from the exchange's [0-9a-f-]+: paid fee 50\.47475 \(exchange 40\.3798\)/.test(
        run.stdout,
      ),
      run.stdout,
    );
  });

  it('cannot compare: keys refused, exchange unreachable, no exchange at all (exit 2, no key printed)', async () => {
    await start();
    await store.seed('pos-a');
    const refused = await hoga(
      ['all', '--exchange'],
      env({ HOGA_UPBIT__SECRET_KEY: 'wrong-secret-key-never-printed' }),
    );
    equal(refused.code, 2, refused.stdout + refused.stderr);
    ok(refused.stderr.includes('could not audit (exchange-refused)'), refused.stderr);
    ok(!(refused.stdout + refused.stderr).includes('wrong-secret-key-never-printed'));
    ok(!(refused.stdout + refused.stderr).includes(KEYS.accessKey), refused.stderr);
    const unreachable = await hoga(
      ['all', '--exchange'],
      env({ HOGA_UPBIT__BASE_URL: 'http://127.0.0.1:9' }),
    );
    equal(unreachable.code, 2, unreachable.stdout + unreachable.stderr);
    ok(unreachable.stderr.includes('could not audit (exchange-unreachable)'), unreachable.stderr);
    const none = await hoga(['all', '--exchange'], { PATH: process.env['PATH'] ?? '' });
    equal(none.code, 2, none.stderr);
    ok(
      none.stderr.includes('could not audit (no-exchange): no exchange to compare with'),
      none.stderr,
    );
  });

  it("in paper mode finds the engine's emulator and account keys beside .hoga/runtime.json", async () => {
    await start();
    await store.seedLife(withExchangeIds(cleanLife('pos-a'), await tradeOnExchange('pos-a')));
    const home = join(dir, 'paper', '.hoga');
    await mkdir(home, { recursive: true });
    const runtime = {
      natsUrl: null,
      namespace: '',
      databaseUrl: store.schema.connectionString,
      emulator: { url: emulator.url, wsUrl: emulator.wsUrl, port: emulator.port },
    };
    await writeFile(join(home, 'runtime.json'), JSON.stringify(runtime), { mode: 0o600 });
    const keys = join(home, 'emulator.json');
    await writeFile(keys, JSON.stringify(KEYS), { mode: 0o600 });
    const paper = (): Promise<HogaRun> =>
      runHoga(['audit', 'all', '--exchange', '--schema', store.schema.schema], join(dir, 'paper'), {
        PATH: process.env['PATH'] ?? '',
      });
    const run = await paper();
    equal(run.code, 0, run.stdout + run.stderr);
    ok(run.stdout.includes('audit: clean — 1 position(s)'), run.stdout);
    await chmod(keys, 0o644);
    const loose = await paper();
    equal(loose.code, 2, loose.stdout + loose.stderr);
    ok(loose.stderr.includes('is accessible to group/others; refusing it'), loose.stderr);
    ok(!loose.stderr.includes(KEYS.secretKey), loose.stderr);
  });
});
