import { spawn } from 'node:child_process';
import { deepEqual, equal, ok } from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '../testing/eventually.js';
import { RestClient } from '../testing/rest-client.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
const KEY = { accessKey: 'state-ak', secretKey: 'state-sk' };

/** `npm run emulator -- --state FILE`, as a process. */
function emulator(state: string) {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      ...['--port', '0', '--tick-ms', '0', '--history-minutes', '10'],
      ...['--markets', 'KRW-BTC=100000000', '--state', state],
    ],
    {
      env: {
        ...process.env,
        UPBIT_EMULATOR_ACCESS_KEY: KEY.accessKey,
        UPBIT_EMULATOR_SECRET_KEY: KEY.secretKey,
      },
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const url = eventually(
    () => /REST\s+(http:\/\/\S+)/.exec(out)?.[1],
    `the printed REST URL; output: ${out}`,
    30_000,
  );
  return { child, exited, url, output: () => out };
}

interface OrderView {
  uuid: string;
  state: string;
  executed_volume: string;
  trades_count: number;
}

describe('upbit-emulator --state (issue 15 item 5)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'emulator-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('after kill -9 the next start has the orders, the balances and the used identifiers', async () => {
    const state = join(dir, 'state.json');
    const first = emulator(state);
    const api = new RestClient(await first.url, KEY);
    const buy = await api.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '1000000',
      identifier: 'buy-1',
    });
    equal(buy.status, 201, buy.text);
    const rest = await api.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'rest-1',
    });
    equal(rest.status, 201, rest.text);
    const accounts = (await api.get('/v1/accounts')).json;
    const buyAfter = (await api.get('/v1/order', [['identifier', 'buy-1']])).json as OrderView;
    first.child.kill('SIGKILL');
    await first.exited;
    // a crash while writing leaves a torn last record: tolerated and reported
    appendFileSync(`${state}.journal`, '0badc0de {"s":');

    const second = emulator(state);
    try {
      const again = new RestClient(await second.url, KEY);
      await eventually(
        () => (second.output().includes('  state ') ? true : undefined),
        'the state line',
        30_000,
      );
      ok(/restored, \d+ journal records replayed, a torn last record/.test(second.output()));
      deepEqual((await again.get('/v1/accounts')).json, accounts);
      deepEqual((await again.get('/v1/order', [['identifier', 'buy-1']])).json, buyAfter);
      const open = (await again.get('/v1/orders/open', [['market', 'KRW-BTC']]))
        .json as OrderView[];
      deepEqual(
        open.map((o) => o.uuid),
        [(rest.json as OrderView).uuid],
      );
      const dup = await again.order({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'price',
        price: '10000',
        identifier: 'buy-1',
      });
      equal(dup.status, 400);
      ok(dup.text.includes('duplicated_identifier'));
    } finally {
      second.child.kill('SIGTERM');
    }
    equal(await second.exited, 0);
  });
});
