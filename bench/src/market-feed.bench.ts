/**
 * `npm run bench -- market-feed`: market-feed's frames/s with 200 markets, candles included
 * (`measureTickThroughput`: frame text -> decode -> normalize -> tick gate -> sequence guard ->
 * publish the tick -> 1m/5m/15m/60m candles -> publish them, into an in-process bus), in two
 * shapes of feed time:
 * - `goal rate`: frames 50 µs apart (20,000 frames/s, the goal of issue 12 item 7), so each of
 *   the 200 markets trades every 10 ms and the 1 s forming throttle holds most candles back;
 * - `10 ms apart`: the older shape, each market's trades 2 s apart, every trade publishing its 4
 *   forming candles (5 publishes per frame: the worst case of the throttle).
 * `--compare=<dir>` also runs another build of market-feed (its `dist` folder: `<dir>/testing/
 * index.js`), paired and interleaved with this one in the same process (order swapped every
 * round), to measure a change on a shared machine. Reports wall frames/s and CPU µs per frame
 * (process CPU time, every thread: steadier than wall time when other jobs hold the CPUs).
 * Flags: `--rounds=N` (default 5), `--frames=N` (default 20,000), `--markets=N` (default 200).
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { measureTickThroughput, type TickThroughput } from '@hoga/market-feed/testing';
import { percentile, printTable, writeResults, type Row } from './report.js';
import { positiveArg, textArg } from './bench-args.js';

type Measure = typeof measureTickThroughput;

const SHAPES = [
  { name: 'goal rate (50 µs apart)', framesPerSecond: 20_000 },
  { name: '10 ms apart', framesPerSecond: 100 },
] as const;

const median = (xs: readonly number[]): number => percentile(xs, 50);

export async function run(args: string[]): Promise<void> {
  const rounds = positiveArg(args, 'rounds', 5);
  const frames = positiveArg(args, 'frames', 20_000);
  const markets = positiveArg(args, 'markets', 200);
  const compareDir = textArg(args, 'compare');
  const builds: { name: string; measure: Measure }[] = [
    { name: 'this build', measure: measureTickThroughput },
  ];
  if (compareDir !== undefined) {
    const url = pathToFileURL(join(resolve(compareDir), 'testing', 'index.js')).href;
    const other = (await import(url)) as { measureTickThroughput: Measure };
    builds.unshift({ name: `compare (${compareDir})`, measure: other.measureTickThroughput });
  }
  const load0 = os.loadavg();
  const runs = new Map<string, TickThroughput[]>();
  for (const shape of SHAPES)
    for (const b of builds) {
      // One warm-up each (JIT), not reported.
      await b.measure({
        ticks: Math.min(frames, 2000),
        markets,
        framesPerSecond: shape.framesPerSecond,
      });
      runs.set(`${shape.name}|${b.name}`, []);
    }
  for (let r = 0; r < rounds; r++)
    for (const shape of SHAPES) {
      const order = r % 2 === 0 ? builds : [...builds].reverse();
      for (const b of order) {
        const t = await b.measure({
          ticks: frames,
          markets,
          framesPerSecond: shape.framesPerSecond,
        });
        runs.get(`${shape.name}|${b.name}`)!.push(t);
        console.log(
          `round ${r + 1} ${shape.name} ${b.name}: ${Math.round(t.ticksPerSecond)} frames/s, ${t.cpuMicrosPerTick.toFixed(1)} CPU µs/frame, ${(t.candles / t.ticks).toFixed(2)} candles/frame`,
        );
      }
    }
  const load1 = os.loadavg();
  const rows: Row[] = [];
  for (const shape of SHAPES)
    for (const b of builds) {
      const ts = runs.get(`${shape.name}|${b.name}`)!;
      rows.push({
        shape: shape.name,
        build: b.name,
        'frames/s (median)': Math.round(median(ts.map((t) => t.ticksPerSecond))),
        'CPU µs/frame (median)': median(ts.map((t) => t.cpuMicrosPerTick)),
        'frames per CPU second': Math.round(1e6 / median(ts.map((t) => t.cpuMicrosPerTick))),
        'candles/frame': ts[0]!.candles / ts[0]!.ticks,
        'frames/s runs': ts.map((t) => Math.round(t.ticksPerSecond)).join(' '),
      });
    }
  printTable(`market-feed, ${markets} markets, ${frames} frames per run, ${rounds} rounds`, rows);
  const load = `load average ${load0.map((l) => l.toFixed(2)).join(' ')} -> ${load1.map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`;
  console.log(load);
  const file = writeResults('market-feed', rows, {
    rounds,
    frames,
    markets,
    compareDir,
    load0,
    load1,
  });
  console.log(`wrote ${file}`);
}
