import {
  execFile,
  spawn,
  spawnSync,
  type ChildProcess,
  type SpawnSyncReturns,
} from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
const CLI = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'cli',
  'dist',
  'main.js',
);
const POSITION =
  /^position (pos-[0-9a-f]+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/gm;

/** A position as the live view's last `position ...` line shows it. */
export interface PositionLine {
  readonly id: string;
  readonly market: string;
  readonly status: string;
  readonly volume: string;
  /** Realized PnL as printed (whole won with thousands separators), '-' when none. */
  readonly realized: string;
}

/** One `node dist/main.js` on a home, with its output. */
export interface EngineProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  until(what: string, test: (out: string) => boolean, ms: number): Promise<void>;
  /** Polls `probe` until it returns a value (or the engine exits: then it throws with the output). */
  untilValue<T>(what: string, probe: () => T | undefined, ms: number): Promise<T>;
  positions(): Map<string, PositionLine>;
  output(): string;
  /** SIGINT, then SIGKILL after 30 s; the exit code or 'timeout'. */
  stop(signal?: NodeJS.Signals): Promise<number | null | 'timeout'>;
}

/**
 * Starts the all-in-one on `home` (embedded PostgreSQL and NATS), stdout and stderr captured;
 * every port chosen by the system (`HOGA_PORTS=any`): tests running beside each other or beside
 * a developer's `npm start` never take 8787 / 8790.
 */
export function runEngine(home: string, env: Record<string, string> = {}): EngineProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      HOGA_HOME: home,
      NATS_URL: '',
      DATABASE_URL: '',
      HOGA_PORTS: 'any',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return engineProcess(child, () => out);
}

/** The helpers of {@link EngineProcess} over a child whose output `output()` returns. */
export function engineProcess(child: ChildProcess, output: () => string): EngineProcess {
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    exited,
    output,
    async until(what, test, ms) {
      const deadline = Date.now() + ms;
      while (!test(output())) {
        if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null)
          throw new Error(`no ${what} within ${ms} ms; output:\n${output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async untilValue(what, probe, ms) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null)
          throw new Error(`no ${what} within ${ms} ms; output:\n${output().slice(-20_000)}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    },
    positions() {
      const latest = new Map<string, PositionLine>();
      for (const m of output().matchAll(POSITION)) {
        const [, id = '', market = '', status = '', , volume = '', , , , realized = ''] = m;
        latest.set(id, { id, market, status, volume, realized });
      }
      return latest;
    },
    async stop(signal = 'SIGINT') {
      child.kill(signal);
      const code = await Promise.race([
        exited,
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000)),
      ]);
      if (code === 'timeout') child.kill('SIGKILL');
      return code;
    },
  };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * After the engine was killed with SIGKILL, its detached PostgreSQL and nats-server keep
 * running (README, Limitations): stops them, found by their pids (`<home>/pg/postmaster.pid`,
 * and the nats-server whose command line names `<home>/nats`), and waits until they are gone.
 */
export async function stopOrphans(home: string): Promise<number[]> {
  const pids: number[] = [];
  const postmaster = join(home, 'pg', 'postmaster.pid');
  if (existsSync(postmaster)) {
    const pid = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
    if (Number.isSafeInteger(pid) && pid > 0 && alive(pid)) {
      process.kill(pid, 'SIGINT');
      pids.push(pid);
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes('nats-server') && cmdline.includes(join(home, 'nats'))) {
      process.kill(Number(entry), 'SIGTERM');
      pids.push(Number(entry));
    }
  }
  const deadline = Date.now() + 60_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return pids;
}

/** The engine's `runtime.json` (the emulator's URL in emulator mode; NATS when nats-server runs). */
export const runtimeOf = (home: string) =>
  JSON.parse(readFileSync(join(home, 'runtime.json'), 'utf8')) as {
    emulator: { url: string } | null;
    natsUrl: string | null;
    pid: number;
  };

/** Runs the `hoga` CLI (tools/cli) against the engine's NATS, as an operator would. */
export const hogaCli =
  (natsUrl: string) =>
  (...args: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [CLI, ...args, '--nats', natsUrl], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    });

/**
 * `hoga ... --json` against the engine's NATS, as a process that does not block this one: the
 * reply parsed; a non-zero exit throws with the CLI's output.
 */
export const hogaJson =
  (natsUrl: string) =>
  async <T>(...args: string[]): Promise<T> => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, ...args, '--json', '--nats', natsUrl],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
    );
    return JSON.parse(stdout) as T;
  };

/** The emulator account's access key of a home. */
export const accessKeyOf = (home: string): string =>
  (JSON.parse(readFileSync(join(home, 'emulator.json'), 'utf8')) as { accessKey: string })
    .accessKey;

/** A call of the emulator's admin API (`/__admin/<path>`), JSON in and out. */
export async function emulatorAdmin<T>(url: string, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${url}/__admin/${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json' },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

let lastJump = 0;
/**
 * Moves the emulator's market up 2 % (the demo's take-profit is +1 %), at most every 2 s (the
 * price sanity rule wants a move confirmed by the trades after it, not a rocket).
 */
export function jumpUp(url: string, market = 'KRW-BTC'): void {
  if (Date.now() - lastJump < 2000) return;
  lastJump = Date.now();
  void emulatorAdmin(url, `markets/${market}/jump`, {
    method: 'POST',
    body: JSON.stringify({ pct: 2 }),
  }).catch(() => undefined);
}
