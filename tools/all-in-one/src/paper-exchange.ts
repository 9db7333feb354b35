import { readFileSync, writeFileSync } from 'node:fs';
import { dec } from '@hoga/model';
import { startEmulator, type MarketOptions, type RunningEmulator } from '@hoga/upbit-emulator';
import { randomToken, readOrCreateSecret, type HogaHome } from './home-dir.js';

/** The emulator account's API keys (kept in `<home>/emulator.json`, mode 0600). */
export interface EmulatorKeys {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** What is carried over a restart: last prices and the account's balances. */
interface SavedState {
  readonly prices: Record<string, string>;
  readonly balances: Record<string, string>;
}

const isKeys = (u: unknown): u is EmulatorKeys =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as Partial<EmulatorKeys>).accessKey === 'string' &&
  typeof (u as Partial<EmulatorKeys>).secretKey === 'string';

const isRecordOfStrings = (u: unknown): u is Record<string, string> =>
  typeof u === 'object' && u !== null && Object.values(u).every((v) => typeof v === 'string');

function readSaved(path: string): SavedState | undefined {
  try {
    const u = JSON.parse(readFileSync(path, 'utf8')) as Partial<SavedState>;
    return isRecordOfStrings(u.prices) && isRecordOfStrings(u.balances)
      ? { prices: u.prices, balances: u.balances }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The starting KRW of a fresh home. */
export const STARTING_KRW = '10000000';

/** A running paper exchange: the emulator plus the keys the executor signs with. */
export interface PaperExchange {
  readonly emulator: RunningEmulator;
  readonly keys: EmulatorKeys;
  /** True when prices and balances were restored from the last run. */
  readonly restored: boolean;
  /** Saves prices and balances, then closes the emulator. */
  stop(): Promise<void>;
}

/**
 * Starts the Upbit emulator on loopback for `markets`: 1 s price steps with a lively
 * volatility (the demo should move within a minute), the home's account keys, and the prices
 * and balances saved by the previous run. Open orders are not carried over (see the README).
 */
export async function startPaperExchange(
  home: HogaHome,
  markets: readonly string[],
  port: number,
  log: (line: string) => void,
): Promise<PaperExchange> {
  const keys = readOrCreateSecret(home.emulatorKeys, isKeys, () => ({
    accessKey: `hoga-${randomToken(12)}`,
    secretKey: randomToken(32),
  }));
  const saved = readSaved(home.emulatorState);
  const marketOptions: MarketOptions[] = markets.map((market) => ({
    market,
    volatility: 0.002,
    ...(saved?.prices[market] !== undefined ? { startPrice: saved.prices[market] } : {}),
  }));
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port,
    // A new seed per run: a repeated seed would repeat order and trade uuids, which the
    // executor (rightly) applies only once.
    seed: `hoga-${Date.now()}`,
    markets: marketOptions,
    accounts: [{ ...keys, balances: saved?.balances ?? { KRW: STARTING_KRW } }],
    tickIntervalMs: 1000,
    log,
  });
  const save = () => {
    const prices = Object.fromEntries(markets.map((m) => [m, emulator.admin.price(m)]));
    // The emulator's orders do not survive; what they locked is available again.
    const balances = Object.fromEntries(
      emulator.admin
        .balances(keys.accessKey)
        .map((b) => [b.currency, dec(b.balance).plus(b.locked).toFixed()]),
    );
    writeFileSync(home.emulatorState, `${JSON.stringify({ prices, balances }, null, 2)}\n`);
  };
  return {
    emulator,
    keys,
    restored: saved !== undefined,
    async stop() {
      save();
      await emulator.close();
    },
  };
}
