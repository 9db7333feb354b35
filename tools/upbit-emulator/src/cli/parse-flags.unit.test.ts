import { deepEqual, equal, throws } from 'node:assert/strict';
import { CliError, DEFAULT_PORT, parseFlags } from './parse-flags.js';

const run = (argv: string[], env: Record<string, string> = {}) => {
  const c = parseFlags(argv, env);
  if (c.kind !== 'run') throw new Error('expected run');
  return c.options;
};

describe('command-line flags', () => {
  it('defaults to port 8787 on loopback with the default keys and 10,000,000 KRW', () => {
    const o = run([]);
    deepEqual([o.port, o.host, o.seed, o.tickIntervalMs], [DEFAULT_PORT, '127.0.0.1', 1, 1000]);
    deepEqual(o.accounts, [
      {
        accessKey: 'emulator-access-key',
        secretKey: 'emulator-secret-key',
        balances: { KRW: '10000000' },
      },
    ]);
  });

  it('reads port, seed, markets with start prices, balances and replay', () => {
    const o = run([
      '--port',
      '0',
      '--seed=abc',
      '--markets',
      'KRW-BTC,KRW-ETH=5000000',
      '--krw',
      '500000',
      '--balances',
      'BTC=0.5',
      '--replay',
      'r.ndjson',
      '--replay-loop',
      '--tick-ms',
      '0',
      '--no-rate-limit',
    ]);
    deepEqual([o.port, o.seed, o.tickIntervalMs], [0, 'abc', 0]);
    deepEqual(o.markets, [{ market: 'KRW-BTC' }, { market: 'KRW-ETH', startPrice: '5000000' }]);
    deepEqual(o.accounts?.[0]?.balances, { KRW: '500000', BTC: '0.5' });
    deepEqual(o.replay, { path: 'r.ndjson', loop: true });
    deepEqual(o.rateLimits, { enabled: false });
  });

  it('takes keys from flags before the environment', () => {
    const env = { UPBIT_EMULATOR_ACCESS_KEY: 'env-ak', UPBIT_EMULATOR_SECRET_KEY: 'env-sk' };
    deepEqual(run([], env).accounts?.[0], {
      accessKey: 'env-ak',
      secretKey: 'env-sk',
      balances: { KRW: '10000000' },
    });
    equal(run(['--access-key', 'flag-ak'], env).accounts?.[0]?.accessKey, 'flag-ak');
  });

  it('applies --volatility to every market', () => {
    deepEqual(run(['--markets', 'KRW-BTC', '--volatility', '0.01']).markets, [
      { market: 'KRW-BTC', volatility: 0.01 },
    ]);
  });

  it('refuses unknown flags, missing values and bad numbers', () => {
    throws(() => parseFlags(['--nope'], {}), CliError);
    throws(() => parseFlags(['--port'], {}), CliError);
    throws(() => parseFlags(['--port', 'x'], {}), CliError);
    throws(() => parseFlags(['--balances', 'BTC'], {}), CliError);
    throws(() => parseFlags(['stray'], {}), CliError);
    equal(parseFlags(['--help'], {}).kind, 'help');
  });
});
