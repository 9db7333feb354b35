import { type Decimal, parseDecimal, roundToTick } from '@hoga/model';
import type { AccountSpec } from '../exchange/account.js';
import type { OrderRules } from '../exchange/order-checks.js';
import { NO_FAULTS, type FaultSettings } from '../http/faults.js';
import { UPBIT_LIMITS, type RateLimitSettings } from '../http/rate-limiter.js';
import type { BoardMarket } from '../market/market-board.js';
import { catalogEntry } from '../market/market-catalog.js';
import { loadReplayFile, type ReplayFrame } from '../market/replay-feed.js';
import type { PersistenceOptions } from '../persistence/durable-state.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { AccountOptions, EmulatorOptions, MarketOptions } from './options.js';

/** A configuration value that cannot be used. */
export class EmulatorConfigError extends Error {
  override readonly name = 'EmulatorConfigError';
}

/** The options with every default filled in and every amount parsed. */
export interface EmulatorConfig {
  readonly port: number;
  readonly host: string;
  readonly seed: string | number;
  readonly markets: readonly BoardMarket[];
  readonly accounts: ReadonlyArray<
    AccountSpec & { readonly balances: Readonly<Record<string, Decimal>> }
  >;
  readonly tickIntervalMs: number;
  readonly paused: boolean;
  readonly clock: Clock;
  readonly historyMinutes: number;
  readonly replay: { readonly frames: readonly ReplayFrame[]; readonly loop: boolean } | undefined;
  readonly rules: OrderRules;
  readonly rateLimits: RateLimitSettings;
  readonly tooManyBody: 'json' | 'text' | 'mixed';
  readonly idleTimeoutMs: number;
  readonly statusIntervalMs: number;
  readonly frames: 'binary' | 'text';
  readonly faults: FaultSettings;
  readonly log: (line: string) => void;
  readonly persistence: PersistenceOptions | undefined;
}

/** The account used when none is configured. */
export const DEFAULT_ACCOUNT: AccountOptions = {
  accessKey: 'emulator-access-key',
  secretKey: 'emulator-secret-key',
  balances: { KRW: '10000000' },
};

const MARKET_CODE = /^KRW-[A-Z0-9]{1,15}$/;

function amount(text: string | undefined, fallback: string, what: string): Decimal {
  const d = parseDecimal(text ?? fallback);
  if (d === undefined || d.lt(0))
    throw new EmulatorConfigError(`${what} must be a non-negative decimal, got ${String(text)}`);
  return d;
}

function resolveMarket(m: MarketOptions, replayStart: Decimal | undefined): BoardMarket {
  if (!MARKET_CODE.test(m.market))
    throw new EmulatorConfigError(`market must look like KRW-BTC, got ${m.market}`);
  const entry = catalogEntry(m.market);
  const start = roundToTick(
    replayStart ?? amount(m.startPrice, entry.startPrice, `${m.market} startPrice`),
  );
  if (!start.gt(0)) throw new EmulatorConfigError(`${m.market} startPrice must be positive`);
  return {
    startPrice: start,
    spec: {
      market: m.market,
      koreanName: m.koreanName ?? entry.korean,
      englishName: m.englishName ?? entry.english,
      book: {
        levels: m.book?.levels ?? 30,
        levelKrw: amount(m.book?.levelKrw, '50000000', `${m.market} book.levelKrw`),
        halfSpreadTicks: m.book?.halfSpreadTicks ?? 1,
      },
    },
    walk: {
      volatility: m.volatility ?? 0.001,
      jumpProbability: m.jumpProbability ?? 0.005,
      jumpSize: m.jumpSize ?? 0.02,
      drift: m.drift ?? 0,
      tradeKrw: amount(m.tradeKrw, '2000000', `${m.market} tradeKrw`),
    },
  };
}

function resolveReplay(o: EmulatorOptions): EmulatorConfig['replay'] {
  if (!o.replay) return undefined;
  const frames =
    o.replay.frames ?? (o.replay.path !== undefined ? loadReplayFile(o.replay.path) : []);
  return { frames, loop: o.replay.loop ?? false };
}

/** Fills in defaults and validates; throws {@link EmulatorConfigError} on unusable values. */
export function resolveOptions(o: EmulatorOptions = {}): EmulatorConfig {
  const replay = resolveReplay(o);
  const given =
    o.markets ??
    (replay ? [] : [{ market: 'KRW-BTC' }, { market: 'KRW-ETH' }, { market: 'KRW-XRP' }]);
  const codes = [
    ...new Set([...given.map((m) => m.market), ...(replay?.frames.map((f) => f.market) ?? [])]),
  ];
  const markets = codes.map((code) =>
    resolveMarket(
      given.find((m) => m.market === code) ?? { market: code },
      replay?.frames.find((f) => f.market === code)?.price,
    ),
  );
  const accounts = (o.accounts ?? [DEFAULT_ACCOUNT]).map((a) => ({
    ...a,
    balances: Object.fromEntries(
      Object.entries(a.balances ?? {}).map(([c, v]) => [c, amount(v, '0', `${a.accessKey} ${c}`)]),
    ),
  }));
  const taker = amount(o.feeRate, '0.0005', 'feeRate');
  const maker = amount(o.makerFeeRate, taker.toString(), 'makerFeeRate');
  if (maker.gt(taker))
    throw new EmulatorConfigError(
      'makerFeeRate must not exceed feeRate (bids reserve the taker fee)',
    );
  const r = o.rateLimits ?? {};
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    seed: o.seed ?? 1,
    markets,
    accounts,
    tickIntervalMs: o.tickIntervalMs ?? 1000,
    paused: o.paused ?? false,
    clock: o.clock ?? systemClock,
    historyMinutes: o.historyMinutes ?? 1440,
    replay,
    rules: {
      fees: { taker, maker },
      minTotal: amount(o.minTotal, '5000', 'minTotal'),
      maxTotal: amount(o.maxTotal, '1000000000', 'maxTotal'),
    },
    rateLimits: {
      enabled: r.enabled ?? true,
      groups: { ...UPBIT_LIMITS, ...r.groups },
      blockAfterViolations: r.blockAfterViolations ?? 5,
      violationWindowMs: r.violationWindowMs ?? 10_000,
      blockBaseMs: r.blockBaseMs ?? 10_000,
      blockMaxMs: r.blockMaxMs ?? 600_000,
    },
    tooManyBody: r.body ?? 'mixed',
    idleTimeoutMs: o.webSocket?.idleTimeoutMs ?? 120_000,
    statusIntervalMs: o.webSocket?.statusIntervalMs ?? 10_000,
    frames: o.webSocket?.frames ?? 'binary',
    faults: { ...NO_FAULTS, ...o.faults },
    log: o.log ?? (() => undefined),
    persistence: o.persistence,
  };
}
