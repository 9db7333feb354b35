/**
 * `--profile` of the frame-to-order bench: a V8 CPU profile (what `node --cpu-prof` records) of
 * the bench's process, taken through the inspector around the all-in-one's samples only (not
 * the set-up), written to the OS temp directory and summarized: CPU self time by place (the
 * hoga package, the npm package, Node internals, GC) and the busiest functions.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Row } from './report.js';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function lives: `services/position-actor`, `npm:pg`, `node:internal`, `(gc)`, … */
function placeOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (npm && !npm[1]!.startsWith('@hoga/')) return `npm:${npm[1]}`;
  const own = /\/((?:libs|services|tools|bench)\/[^/]+)\//.exec(url);
  return own ? own[1]! : url;
}

/**
 * The profile by place, inclusive (a sample counts once for each place on its stack: "how much
 * of the busy time was spent in or under pg"), and the 15 functions with the most self time;
 * ms and % of the busy (non-idle) time.
 */
export function summarize(profile: Profile): Row[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') return;
    busyUs += us;
    const { functionName, url, lineNumber } = leaf.callFrame;
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(?=[^/]+$)/, '')}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    const onStack = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      onStack.add(placeOf(byId.get(cur)!));
    // at the base of nearly every stack (microtasks, timers, sockets): not telling
    for (const base of ['(root)', '(native)', 'node internals']) onStack.delete(base);
    for (const place of onStack) places.set(place, (places.get(place) ?? 0) + us);
  });
  const rows = (kind: string, m: Map<string, number>, n: number): Row[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([what, us]) => ({ kind, what, ms: us / 1000, '% of busy': (us / busyUs) * 100 }));
  return [
    { kind: 'total', what: 'busy (not idle)', ms: busyUs / 1000, '% of busy': 100 },
    ...rows('place, inclusive', places, 16),
    ...rows('function, self', functions, 12),
  ];
}

/** Runs `work` under the CPU profiler; writes the profile and returns its summary. */
export async function profiled<T>(
  work: () => Promise<T>,
): Promise<{ result: T; summary?: Row[]; file?: string }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let result: T;
  let profile: Profile;
  try {
    result = await work();
  } finally {
    ({ profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile });
    session.disconnect();
  }
  const file = join(os.tmpdir(), `frame-to-order-aio-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`[frame-to-order] CPU profile of the all-in-one samples: ${file}`);
  return { result, summary: summarize(profile), file };
}
