import { deepEqual, equal, ok, throws } from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeFile } from '@hoga/cli';
import { ExchangeModeError, UPBIT_DEFAULTS, exchangeModeOf } from './exchange-mode.js';
import { runtimeFileOf } from './runtime-file.js';

describe('exchange mode (HOGA_EXCHANGE)', () => {
  const SECRET = 'unit-secret-never-shown';
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hoga-mode-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is the emulator by default', () => {
    deepEqual(exchangeModeOf({}), { kind: 'emulator' });
    deepEqual(exchangeModeOf({ HOGA_EXCHANGE: 'emulator' }), { kind: 'emulator' });
  });

  it('refuses another exchange', () => {
    throws(() => exchangeModeOf({ HOGA_EXCHANGE: 'paper' }), /HOGA_EXCHANGE must be/);
  });

  it('takes the keys from the environment, with Upbit URLs and markets by default', () => {
    const mode = exchangeModeOf({
      HOGA_EXCHANGE: 'upbit',
      HOGA_UPBIT__ACCESS_KEY: 'a',
      HOGA_UPBIT__SECRET_KEY: SECRET,
    });
    if (mode.kind !== 'upbit') throw new Error('not live');
    equal(mode.baseUrl, UPBIT_DEFAULTS.baseUrl);
    equal(mode.wsUrl, UPBIT_DEFAULTS.wsUrl);
    equal(mode.privateWsUrl, UPBIT_DEFAULTS.privateWsUrl);
    deepEqual(mode.markets, ['KRW-BTC', 'KRW-ETH']);
    deepEqual(mode.keys, { accessKey: 'a', secretKey: SECRET });
  });

  it('names the variables when keys are missing', () => {
    throws(
      () => exchangeModeOf({ HOGA_EXCHANGE: 'upbit', HOGA_UPBIT__ACCESS_KEY: 'a' }),
      (e: unknown) =>
        e instanceof ExchangeModeError &&
        e.message.includes('HOGA_UPBIT__ACCESS_KEY') &&
        e.message.includes('HOGA_UPBIT__SECRET_KEY') &&
        e.message.includes('HOGA_UPBIT__KEY_FILE'),
    );
  });

  it('reads an owner-only key file and refuses a wider one without showing the secret', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ accessKey: 'a', secretKey: SECRET }));
    chmodSync(file, 0o600);
    const mode = exchangeModeOf({ HOGA_EXCHANGE: 'upbit', HOGA_UPBIT__KEY_FILE: file });
    ok(mode.kind === 'upbit' && mode.keys.secretKey === SECRET);
    chmodSync(file, 0o640);
    throws(
      () => exchangeModeOf({ HOGA_EXCHANGE: 'upbit', HOGA_UPBIT__KEY_FILE: file }),
      (e: unknown) =>
        e instanceof ExchangeModeError && e.message.includes('0640') && !e.message.includes(SECRET),
    );
    writeFileSync(file, `{"accessKey": "a", "secretKey": "${SECRET}"`, { mode: 0o600 });
    chmodSync(file, 0o600);
    throws(
      () => exchangeModeOf({ HOGA_EXCHANGE: 'upbit', HOGA_UPBIT__KEY_FILE: file }),
      (e: unknown) => e instanceof ExchangeModeError && !e.message.includes(SECRET),
    );
  });

  it('refuses a market that is not a KRW market code', () => {
    throws(
      () =>
        exchangeModeOf({
          HOGA_EXCHANGE: 'upbit',
          HOGA_UPBIT__ACCESS_KEY: 'a',
          HOGA_UPBIT__SECRET_KEY: 'b',
          HOGA_MARKETS: 'KRW-BTC,btc',
        }),
      /HOGA_MARKETS/,
    );
  });

  it('writes a valid runtime file without an emulator', () => {
    const file = runtimeFileOf(
      {
        natsUrl: null,
        databaseUrl: 'postgres://x',
        emulator: null,
        ports: { postgres: null, nats: null },
        dashboardUrl: 'http://127.0.0.1:8790/',
        metricsUrl: 'http://127.0.0.1:9464/metrics',
      },
      1,
      new Date(),
    );
    ok(RuntimeFile.is(file));
    equal(file.emulator, null);
    equal(file.ports.emulator, null);
  });
});
