/**
 * `npm run bench -- engine --compare=<dir>`: this build's in-process set-up (in-memory store) and
 * another build's, side by side in one process, their throughput rounds interleaved (the order
 * swapped every round), so the shared host's swings — often larger than a change — hit both
 * alike. `<dir>` is the other build's `bench/dist` (a worktree built with `npx tsc -b`): its own
 * `engine-setups.js` and `engine-throughput.js`, which load its own libs and services.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as setups from './engine-setups.js';
import * as measures from './engine-throughput.js';
import { percentile, type Row } from './report.js';

type Setups = typeof setups;
type Measures = typeof measures;

interface Build {
  readonly name: string;
  readonly setups: Setups;
  readonly measures: Measures;
}

/** µs per tick of each build's rounds, and of this build against the other per pair of rounds. */
export async function compareBuilds(
  otherDir: string,
  rounds: number,
  ticks: number,
): Promise<Row[]> {
  const dir = resolve(otherDir);
  const load = async <T>(file: string): Promise<T> =>
    (await import(pathToFileURL(`${dir}/${file}`).href)) as T;
  const builds: Build[] = [
    { name: 'this build', setups, measures },
    {
      name: `compare (${otherDir})`,
      setups: await load<Setups>('engine-setups.js'),
      measures: await load<Measures>('engine-throughput.js'),
    },
  ];
  const running = [];
  for (const build of builds) {
    const world = await build.setups.openWorld('memory');
    const { service } = await build.setups.populate(world);
    await build.measures.throughput(world, service, 20_000); // warm-up, not reported
    running.push({ build, world, service, us: [] as number[] });
  }
  const ratios: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? running : [...running].reverse();
      for (const r of order) {
        const row = await r.build.measures.throughput(r.world, r.service, ticks);
        r.us.push(1e6 / (row['ticks/s'] as number));
      }
      ratios.push(running[0]!.us[round]! / running[1]!.us[round]!);
    }
  } finally {
    for (const r of running) {
      await r.service.stop();
      await r.world.close();
    }
  }
  const rows: Row[] = running.map(({ build, us }) => ({
    build: build.name,
    rounds,
    'ticks a round': ticks,
    'µs/tick min': percentile(us, 0),
    'µs/tick median': percentile(us, 50),
    'ticks/s best': Math.round(1e6 / percentile(us, 0)),
    'ticks/s median': Math.round(1e6 / percentile(us, 50)),
  }));
  rows.push({
    build: 'this build / compare, per pair of rounds (µs/tick)',
    rounds,
    'ticks a round': ticks,
    'ratio q1': percentile(ratios, 25),
    'ratio median': percentile(ratios, 50),
    'ratio q3': percentile(ratios, 75),
  });
  return rows;
}
