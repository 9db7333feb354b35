import { readFileSync, statSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Market } from '@hoga/model';

/** Upbit API keys (never logged, never in an error message). */
export interface UpbitKeys {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** Which exchange the engine trades on (`HOGA_EXCHANGE`). */
export type ExchangeMode =
  | { readonly kind: 'emulator' }
  | {
      readonly kind: 'upbit';
      /** REST (`HOGA_UPBIT__BASE_URL`). */
      readonly baseUrl: string;
      /** Public WebSocket (`HOGA_UPBIT__WS_URL`), for market-feed. */
      readonly wsUrl: string;
      /** Private WebSocket (`HOGA_UPBIT__PRIVATE_WS_URL`), for order-executor. */
      readonly privateWsUrl: string;
      readonly keys: UpbitKeys;
      /** The markets market-feed always watches (`HOGA_MARKETS`). */
      readonly markets: readonly Market[];
    };

/** A live-mode setting that cannot be right; the message names the variable, never a secret. */
export class ExchangeModeError extends Error {
  override readonly name = 'ExchangeModeError';
}

export const UPBIT_DEFAULTS = {
  baseUrl: 'https://api.upbit.com',
  wsUrl: 'wss://api.upbit.com/websocket/v1',
  privateWsUrl: 'wss://api.upbit.com/websocket/v1/private',
  markets: 'KRW-BTC,KRW-ETH',
} as const;

/** The variables live mode reads (all optional strings; an empty one counts as unset). */
const ExchangeEnv = t.partial({
  HOGA_EXCHANGE: t.string,
  HOGA_UPBIT__BASE_URL: t.string,
  HOGA_UPBIT__WS_URL: t.string,
  HOGA_UPBIT__PRIVATE_WS_URL: t.string,
  HOGA_UPBIT__ACCESS_KEY: t.string,
  HOGA_UPBIT__SECRET_KEY: t.string,
  HOGA_UPBIT__KEY_FILE: t.string,
  HOGA_MARKETS: t.string,
});
type ExchangeEnv = t.TypeOf<typeof ExchangeEnv>;

const KeyFile = t.type({ accessKey: t.string, secretKey: t.string });

const set = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/**
 * Decodes the exchange choice from the environment: `HOGA_EXCHANGE` = `emulator` (default) or
 * `upbit`; for `upbit` the URLs, the markets and the keys (`HOGA_UPBIT__ACCESS_KEY` +
 * `HOGA_UPBIT__SECRET_KEY`, or `HOGA_UPBIT__KEY_FILE`, a JSON `{accessKey, secretKey}` readable by
 * its owner only). Throws {@link ExchangeModeError}.
 */
export function exchangeModeOf(env: NodeJS.ProcessEnv): ExchangeMode {
  const decoded = ExchangeEnv.decode(env);
  if (E.isLeft(decoded)) throw new ExchangeModeError('the environment does not decode');
  const e = decoded.right;
  const exchange = set(e.HOGA_EXCHANGE) ?? 'emulator';
  if (exchange === 'emulator') return { kind: 'emulator' };
  if (exchange !== 'upbit')
    throw new ExchangeModeError(
      `HOGA_EXCHANGE must be 'emulator' (default) or 'upbit', not '${exchange}'`,
    );
  return {
    kind: 'upbit',
    baseUrl: set(e.HOGA_UPBIT__BASE_URL) ?? UPBIT_DEFAULTS.baseUrl,
    wsUrl: set(e.HOGA_UPBIT__WS_URL) ?? UPBIT_DEFAULTS.wsUrl,
    privateWsUrl: set(e.HOGA_UPBIT__PRIVATE_WS_URL) ?? UPBIT_DEFAULTS.privateWsUrl,
    keys: keysOf(e),
    markets: marketsOf(set(e.HOGA_MARKETS) ?? UPBIT_DEFAULTS.markets),
  };
}

function marketsOf(list: string): Market[] {
  const markets = [
    ...new Set(
      list
        .split(',')
        .map((m) => m.trim())
        .filter((m) => m !== ''),
    ),
  ];
  const bad = markets.filter((m) => !Market.is(m));
  if (bad.length > 0)
    throw new ExchangeModeError(`HOGA_MARKETS: not KRW market codes: ${bad.join(', ')}`);
  return markets.filter(Market.is).sort();
}

function keysOf(e: ExchangeEnv): UpbitKeys {
  const file = set(e.HOGA_UPBIT__KEY_FILE);
  const accessKey = set(e.HOGA_UPBIT__ACCESS_KEY);
  const secretKey = set(e.HOGA_UPBIT__SECRET_KEY);
  if (file !== undefined) {
    if (accessKey !== undefined || secretKey !== undefined)
      throw new ExchangeModeError(
        'set either HOGA_UPBIT__KEY_FILE or HOGA_UPBIT__ACCESS_KEY/HOGA_UPBIT__SECRET_KEY, not both',
      );
    return readKeyFile(file);
  }
  if (accessKey === undefined || secretKey === undefined)
    throw new ExchangeModeError(
      'HOGA_EXCHANGE=upbit needs the Upbit API keys: set HOGA_UPBIT__ACCESS_KEY and ' +
        'HOGA_UPBIT__SECRET_KEY, or HOGA_UPBIT__KEY_FILE (a JSON {accessKey, secretKey}, mode 0600)',
    );
  return { accessKey, secretKey };
}

/** Reads the key file; refuses one that its group or others may access. */
export function readKeyFile(path: string): UpbitKeys {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new ExchangeModeError(`HOGA_UPBIT__KEY_FILE ${path} cannot be read`);
  }
  if ((mode & 0o077) !== 0)
    throw new ExchangeModeError(
      `HOGA_UPBIT__KEY_FILE ${path} is accessible to group/others (mode ` +
        `${(mode & 0o777).toString(8).padStart(4, '0')}); refusing it: chmod 600 ${path}`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // JSON.parse's message may quote the file's text: not repeated here.
    throw new ExchangeModeError(`HOGA_UPBIT__KEY_FILE ${path} is not readable JSON`);
  }
  if (!KeyFile.is(json) || json.accessKey === '' || json.secretKey === '')
    throw new ExchangeModeError(
      `HOGA_UPBIT__KEY_FILE ${path} must hold {"accessKey": "...", "secretKey": "..."}`,
    );
  return { accessKey: json.accessKey, secretKey: json.secretKey };
}
