import type { EmulatorOptions, MarketOptions } from '../config/options.js';
import { FSYNC_POLICIES, type FsyncPolicy } from '../persistence/journal-file.js';

/** What the command line asks for: run with options, or print the usage. */
export type CliCommand =
  { readonly kind: 'run'; readonly options: EmulatorOptions } | { readonly kind: 'help' };

/** A command line that cannot be understood. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The port the command listens on unless told. */
export const DEFAULT_PORT = 8787;

/** `--help` text (also the list of known flags). */
export const USAGE = `upbit-emulator: a local Upbit REST + WebSocket exchange

  --port N               TCP port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H               interface (default 127.0.0.1)
  --seed S               seed of prices and ids (default 1)
  --markets LIST         KRW-BTC,KRW-ETH=5000000 (optional =startPrice)
  --access-key K         API access key  (or env UPBIT_EMULATOR_ACCESS_KEY)
  --secret-key K         API secret key  (or env UPBIT_EMULATOR_SECRET_KEY)
  --krw N                starting KRW balance (default 10000000)
  --balances LIST        other starting balances, BTC=0.5,ETH=2
  --tick-ms N            price step period in ms (default 1000; 0 = only /__admin/step)
  --volatility X         per-step return deviation of every market (default 0.001)
  --history-minutes N    synthetic 1-minute history before the start (default 1440)
  --replay FILE          NDJSON of recorded trade/ticker frames to replay
  --replay-loop          start the replay over when it ends
  --no-rate-limit        disable 429/418
  --idle-timeout-ms N    WebSocket idle close (default 120000)
  --state FILE           keep balances, orders, trades and prices in FILE (+ FILE.journal),
                         durable on every change, restored at the next start
  --fsync POLICY         with --state: always | batch | off (default batch)
  --help`;

const BOOLEAN = new Set(['--replay-loop', '--no-rate-limit', '--help']);
const KNOWN = new Set(USAGE.match(/--[a-z-]+/g));

function toArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!KNOWN.has(name)) throw new CliError(`unknown flag ${name}`);
    if (eq > 0) args.set(name, arg.slice(eq + 1));
    else if (BOOLEAN.has(arg)) args.set(arg, 'true');
    else if (i + 1 < argv.length) args.set(arg, argv[++i]!);
    else throw new CliError(`${arg} needs a value`);
  }
  return args;
}

function int(args: Map<string, string>, name: string): number | undefined {
  const v = args.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`${name} must be a whole number`);
  return Number(v);
}

function pairs(text: string, flag: string): Array<[string, string | undefined]> {
  return text
    .split(',')
    .filter((s) => s !== '')
    .map((item) => {
      const [key, value] = item.split('=');
      if (!key) throw new CliError(`${flag}: empty entry`);
      return [key.trim(), value?.trim()];
    });
}

/** Parses the command line (and the key variables of `env`) into emulator options. */
export function parseFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliCommand {
  const args = toArgs(argv);
  if (args.has('--help')) return { kind: 'help' };
  const volatility = args.has('--volatility') ? Number(args.get('--volatility')) : undefined;
  if (volatility !== undefined && !(volatility >= 0))
    throw new CliError('--volatility must be a non-negative number');
  const markets: MarketOptions[] | undefined = args.has('--markets')
    ? pairs(args.get('--markets')!, '--markets').map(([market, startPrice]) => ({
        market,
        ...(startPrice ? { startPrice } : {}),
        ...(volatility !== undefined ? { volatility } : {}),
      }))
    : volatility !== undefined
      ? ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'].map((market) => ({ market, volatility }))
      : undefined;
  const accessKey =
    args.get('--access-key') ?? env['UPBIT_EMULATOR_ACCESS_KEY'] ?? 'emulator-access-key';
  const secretKey =
    args.get('--secret-key') ?? env['UPBIT_EMULATOR_SECRET_KEY'] ?? 'emulator-secret-key';
  const balances: Record<string, string> = { KRW: args.get('--krw') ?? '10000000' };
  for (const [currency, amount] of pairs(args.get('--balances') ?? '', '--balances')) {
    if (amount === undefined) throw new CliError(`--balances: ${currency} needs =amount`);
    balances[currency] = amount;
  }
  const replayPath = args.get('--replay');
  const statePath = args.get('--state');
  const fsync = args.get('--fsync');
  if (fsync !== undefined && !FSYNC_POLICIES.includes(fsync as FsyncPolicy))
    throw new CliError(`--fsync must be one of ${FSYNC_POLICIES.join(', ')}`);
  if (fsync !== undefined && statePath === undefined)
    throw new CliError('--fsync needs --state FILE');
  const options: EmulatorOptions = {
    port: int(args, '--port') ?? DEFAULT_PORT,
    host: args.get('--host') ?? '127.0.0.1',
    seed: args.get('--seed') ?? 1,
    ...(markets ? { markets } : {}),
    accounts: [{ accessKey, secretKey, balances }],
    tickIntervalMs: int(args, '--tick-ms') ?? 1000,
    ...(args.has('--history-minutes') ? { historyMinutes: int(args, '--history-minutes')! } : {}),
    ...(replayPath ? { replay: { path: replayPath, loop: args.has('--replay-loop') } } : {}),
    ...(args.has('--no-rate-limit') ? { rateLimits: { enabled: false } } : {}),
    ...(args.has('--idle-timeout-ms')
      ? { webSocket: { idleTimeoutMs: int(args, '--idle-timeout-ms')! } }
      : {}),
    ...(statePath !== undefined && statePath !== ''
      ? {
          persistence: {
            path: statePath,
            ...(fsync !== undefined ? { fsync: fsync as FsyncPolicy } : {}),
          },
        }
      : {}),
  };
  return { kind: 'run', options };
}
