/**
 * `npm run bench -- frame-to-order`: the headline latency of issue 12 item 8, from the Upbit
 * WebSocket frame that crosses a take-profit arriving at market-feed's socket to the exit's
 * `POST /v1/orders` arriving at the exchange, with the real market-feed, position-actor,
 * order-executor (and risk-guard, which the executor needs for the trading state) against the
 * bundled emulator, 1,000 positions over 100 markets (10 per market on take-profit rungs), in two
 * modes: the all-in-one composition (one process, in-process bus, PostgreSQL) and distributed
 * (one process per service, NATS, PostgreSQL). Each sample trades one market on the emulator at a
 * price crossing exactly one position's take-profit (see `frame-to-order-samples.ts`).
 * Flags: `--only=aio,nats` (modes), `--rungs=N` (samples = 100 × N, default 3, at most 10),
 * `--profile` (a V8 CPU profile of the all-in-one process during its samples, written beside
 * the results; summarized by `frame-to-order-profile.ts`).
 */
import os from 'node:os';
import { positiveArg, textArg } from './bench-args.js';
import { startAllInOne, type RunningEngine } from './frame-to-order-all-in-one.js';
import { profiled } from './frame-to-order-profile.js';
import { startProcesses } from './frame-to-order-processes.js';
import { sampledRow, sampleFrames, type Sampled } from './frame-to-order-samples.js';
import { MARKETS, populate, POSITIONS, startExchange, Statuses } from './frame-to-order-world.js';
import { printTable, writeResults, type Row } from './report.js';

type Mode = 'aio' | 'nats';
const LABEL: Record<Mode, string> = {
  aio: 'all-in-one (one process, in-process bus, PostgreSQL)',
  nats: 'distributed (a process per service, NATS, PostgreSQL)',
};
const START: Record<Mode, typeof startAllInOne> = { aio: startAllInOne, nats: startProcesses };

const log = (line: string) => console.log(`[frame-to-order] ${line}`);

async function runMode(
  mode: Mode,
  rungs: number,
  profile: boolean,
): Promise<{ row: Row; sampled: Sampled; setupMs: number; problems: string[]; profile?: Row[] }> {
  const exchange = await startExchange();
  let engine: RunningEngine | undefined;
  const statuses = new Statuses();
  try {
    engine = await START[mode](exchange);
    await statuses.watch(engine.bus);
    log(`${LABEL[mode]}: started; making ${POSITIONS} positions active`);
    const { ids, ms } = await populate(engine.bus, statuses, log);
    const running = engine;
    const sample = () => sampleFrames(exchange, running.frames, statuses, ids, rungs);
    const measured =
      profile && mode === 'aio' ? await profiled(sample) : { result: await sample() };
    const sampled = measured.result;
    return {
      row: sampledRow(LABEL[mode], sampled),
      sampled,
      setupMs: ms,
      problems: engine.problems(),
      ...(measured.summary ? { profile: measured.summary } : {}),
    };
  } finally {
    await statuses.stop().catch(() => undefined);
    await engine?.stop();
    await exchange.emulator.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const modes = (textArg(args, 'only') ?? 'aio,nats').split(',') as Mode[];
  const rungs = Math.min(10, Math.floor(positiveArg(args, 'rungs', 3)));
  const profile = args.includes('--profile');
  const load = [os.loadavg()];
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  let profileRows: Row[] = [];
  for (const mode of modes) {
    let r: Awaited<ReturnType<typeof runMode>>;
    try {
      r = await runMode(mode, rungs, profile);
    } catch (error) {
      log(
        `${mode} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      rows.push({ mode: LABEL[mode], samples: 0, failed: String(error).slice(0, 200) });
      continue;
    }
    load.push(os.loadavg());
    rows.push(r.row);
    if (r.profile) profileRows = r.profile;
    details[mode] = {
      setupMs: r.setupMs,
      missed: r.sampled.missed,
      marketsWithoutTheirExits: r.sampled.wrongMarkets,
      wallMs: r.sampled.wallMs,
      frameToOrderMs: r.sampled.frameToOrder,
      problems: r.problems,
    };
    if (r.sampled.missed.length > 0)
      log(`${mode}: missed ${r.sampled.missed.slice(0, 5).join('; ')}`);
    if (r.sampled.wrongMarkets.length > 0)
      log(`${mode}: markets without exactly ${rungs} exits: ${r.sampled.wrongMarkets.join(', ')}`);
  }
  printTable(
    `Frame → order on the wire: ${POSITIONS} positions over ${MARKETS.length} markets, one take-profit crossed per frame (goal p99 ≤ 10 ms all-in-one)`,
    rows,
  );
  if (profileRows.length > 0)
    printTable(
      'All-in-one during the samples: CPU time by place and busiest functions (--profile)',
      profileRows,
    );
  const file = writeResults('frame-to-order', [...rows, ...profileRows], {
    loadAverage: load,
    positions: POSITIONS,
    markets: MARKETS.length,
    rungs,
    goals: { p99MsAllInOne: 10 },
    details,
    notes: [
      'frame: timed when market-feed’s ws client socket emits the message (a probe wrapping ws WebSocket#emit; performance.timeOrigin + now()); distributed: the probe is preloaded into the market-feed process',
      'order: timed when the emulator’s HTTP server reads the POST /v1/orders headers (onRequest; same clock)',
      'one sample at a time; the next frame ≥ 150 ms after the last POST and once the position is closed (the executor’s client paces orders at 12/s)',
      '“send → frame”: the bench trading the market on the emulator → the frame at market-feed (not part of the measure)',
    ],
  });
  console.log(`\nwrote ${file}`);
}
