import { existsSync, readFileSync, rmSync } from 'node:fs';
import {
  startEmulator,
  type FsyncPolicy,
  type MarketOptions,
  type PersistenceStatus,
  type RunningEmulator,
} from '@hoga/upbit-emulator';
import { ExchangeModeError } from './exchange-mode.js';
import { randomToken, readOrCreateSecret, type HogaHome } from './home-dir.js';

/** The emulator account's API keys (kept in `<home>/emulator.json`, mode 0600). */
export interface EmulatorKeys {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** What earlier versions saved at a clean stop: last prices and the account's balances. */
interface LegacyState {
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

function readLegacy(path: string): LegacyState | undefined {
  try {
    const u = JSON.parse(readFileSync(path, 'utf8')) as Partial<LegacyState>;
    return isRecordOfStrings(u.prices) && isRecordOfStrings(u.balances)
      ? { prices: u.prices, balances: u.balances }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The starting KRW of a fresh home. */
export const STARTING_KRW = '10000000';

/** `HOGA_EMULATOR_FSYNC`: when the paper account's journal reaches the disk (default `always`). */
export function emulatorFsyncOf(env: NodeJS.ProcessEnv): FsyncPolicy {
  const value = env['HOGA_EMULATOR_FSYNC'] ?? 'always';
  if (value === 'always' || value === 'batch' || value === 'off') return value;
  throw new ExchangeModeError(`HOGA_EMULATOR_FSYNC must be always, batch or off, got ${value}`);
}

/** A running paper exchange: the emulator plus the keys the executor signs with. */
export interface PaperExchange {
  readonly emulator: RunningEmulator;
  readonly keys: EmulatorKeys;
  /** How the account was recovered and where it is kept. */
  readonly state: PersistenceStatus;
  /** Closes the emulator (its state is already on disk; a last snapshot is written). */
  stop(): Promise<void>;
}

/** One line for the banner: fresh, restored, and a torn last record if a crash left one. */
export function paperAccountNote(state: PersistenceStatus): string {
  if (!state.restored) return 'fresh account, 10,000,000 KRW';
  const torn = state.torn
    ? `; the last journal record was cut short by a crash and ignored (line ${state.torn.line})`
    : '';
  return `account restored (balances, orders, trades, prices; ${state.replayed} journal records replayed${torn})`;
}

/**
 * Starts the Upbit emulator on loopback for `markets`: 1 s price steps with a lively
 * volatility (the demo should move within a minute), the home's account keys, and its durable
 * state in `<home>/emulator-account.json` (+ `.journal`): every change of balances, orders,
 * trades and used identifiers is journaled before it is acknowledged, so a crash (kill -9, OOM,
 * power cut with `always`) loses nothing (ADR 0032). A home of an earlier version starts from
 * its saved prices and balances once.
 */
export async function startPaperExchange(
  home: HogaHome,
  markets: readonly string[],
  port: number,
  log: (line: string) => void,
  fsync: FsyncPolicy = 'always',
): Promise<PaperExchange> {
  const keys = readOrCreateSecret(home.emulatorKeys, isKeys, () => ({
    accessKey: `hoga-${randomToken(12)}`,
    secretKey: randomToken(32),
  }));
  const legacy = existsSync(home.emulatorAccount) ? undefined : readLegacy(home.emulatorState);
  const marketOptions: MarketOptions[] = markets.map((market) => ({
    market,
    volatility: 0.002,
    ...(legacy?.prices[market] !== undefined ? { startPrice: legacy.prices[market] } : {}),
  }));
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port,
    // A new seed per run (the durable state adds its run count too): a repeated seed would
    // repeat order and trade uuids, which the executor (rightly) applies only once.
    seed: `hoga-${Date.now()}`,
    markets: marketOptions,
    accounts: [{ ...keys, balances: legacy?.balances ?? { KRW: STARTING_KRW } }],
    tickIntervalMs: 1000,
    persistence: { path: home.emulatorAccount, fsync },
    log,
  });
  const state = emulator.persistence()!;
  if (legacy) {
    log(`migrated ${home.emulatorState} (prices and balances) into ${home.emulatorAccount}`);
    rmSync(home.emulatorState, { force: true });
  }
  return {
    emulator,
    keys,
    state: legacy ? { ...state, restored: true } : state,
    stop: () => emulator.close(),
  };
}
