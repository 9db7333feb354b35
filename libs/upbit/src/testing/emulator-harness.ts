import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@hoga/upbit-emulator';
import { UpbitClient } from '../api/upbit-client.js';
import type { RestClientOptions } from '../http/rest-options.js';

/** The test account: 100,000,000 KRW and 1 BTC. */
export const ALICE = {
  accessKey: 'alice-access-key',
  secretKey: 'alice-secret-key-0123456789abcdefghijklmnop',
};

/** An emulator on a free port, stepped by hand (`admin.step()`), with known markets and money. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    seed: 7,
    tickIntervalMs: 0,
    historyMinutes: 60,
    markets: [
      { market: 'KRW-BTC', startPrice: '100000000' },
      { market: 'KRW-ETH', startPrice: '5000000' },
    ],
    accounts: [{ ...ALICE, balances: { KRW: '100000000', BTC: '1' } }],
    ...options,
  });
}

/** A client of the test account against an emulator. */
export function clientFor(emulator: RunningEmulator, options: RestClientOptions = {}): UpbitClient {
  return new UpbitClient({ baseUrl: emulator.url, credentials: ALICE, ...options });
}
