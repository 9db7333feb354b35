import type { EmulatorOptions } from '../config/options.js';
import { startEmulator, type RunningEmulator } from '../emulator.js';
import { RestClient } from './rest-client.js';

export const KEY = { accessKey: 'it-access', secretKey: 'it-secret-0123456789' };

/** A loopback emulator stepped by hand (no timer), with a signing client for its account. */
export interface EmulatorUnderTest {
  readonly em: RunningEmulator;
  readonly client: RestClient;
}

/** Starts an emulator on 127.0.0.1, port 0, KRW-BTC at 100,000,000, 10,000,000 KRW and 1 BTC. */
export async function emulatorUnderTest(options: EmulatorOptions = {}): Promise<EmulatorUnderTest> {
  const em = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    seed: 'it',
    tickIntervalMs: 0,
    historyMinutes: 120,
    markets: [
      { market: 'KRW-BTC', startPrice: '100000000' },
      { market: 'KRW-ETH', startPrice: '5000000' },
    ],
    accounts: [{ ...KEY, balances: { KRW: '10000000', BTC: '1' } }],
    rateLimits: { enabled: false },
    ...options,
  });
  return { em, client: new RestClient(em.url, KEY) };
}
