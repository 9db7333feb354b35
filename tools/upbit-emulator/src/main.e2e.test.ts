import { spawn } from 'node:child_process';
import { deepEqual, equal, ok } from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from './testing/eventually.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.js');

describe('upbit-emulator command', () => {
  it('starts from flags, prints its URLs, serves the API and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [MAIN, '--port', '0', '--tick-ms', '0', '--markets', 'KRW-BTC=140000000', '--krw', '500000'],
      {
        env: {
          ...process.env,
          UPBIT_EMULATOR_ACCESS_KEY: 'env-ak',
          UPBIT_EMULATOR_SECRET_KEY: 'env-sk',
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('close', (code) => resolve(code)),
    );
    try {
      const url = await eventually(
        () => /REST\s+(http:\/\/\S+)/.exec(out)?.[1],
        'the printed REST URL',
      );
      ok(
        out.includes('env-ak') && !out.includes('env-sk'),
        'prints the access key, never the secret',
      );
      ok(/WebSocket\s+ws:\/\/\S+\/websocket\/v1/.test(out));
      const markets = (await (await fetch(`${url}/v1/market/all`)).json()) as Array<{
        market: string;
      }>;
      deepEqual(
        markets.map((m) => m.market),
        ['KRW-BTC'],
      );
      const ticker = (await (await fetch(`${url}/v1/ticker?markets=KRW-BTC`)).json()) as Array<{
        trade_price: number;
      }>;
      equal(ticker[0]!.trade_price, 140000000);
    } finally {
      child.kill('SIGTERM');
    }
    equal(await exited, 0);
  });

  it('prints the usage and exits 2 on an unknown flag', async () => {
    const child = spawn(process.execPath, [MAIN, '--bogus']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    equal(code, 2);
    ok(err.includes('unknown flag --bogus') && err.includes('--port N'));
  });
});
