/**
 * `npm run bench -- event-store-hashing [--positions=N] [--rounds=N]`: what the hash chain
 * (ADR 0051) costs per event in JS, the current encoder against the one it replaced (kept below
 * as it was), on the same events in one run, rounds interleaved (A B, B A, ...): canonical JSON
 * alone, the content hash (what every append computes per event) and a chain walk (what the
 * audit computes per event: content hash and link). The events are `cleanLife` positions, as
 * the audit bench stores them, decoded from JSON as a reader gets them. Both encoders must give
 * the same text for every event, or the bench stops.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { cleanLife, recorded } from '@hoga/audit/testing';
import { canonicalJson, ChainWalk, contentHash, type ChainedEvent } from '@hoga/event-store';
import { printTable, writeResults, type Row } from './report.js';

/** The canonical encoder before ADR 0051's addendum (recursion with map/join and templates). */
function previousCanonical(input: unknown): string | undefined {
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    value = (value as { toJSON: () => unknown }).toJSON();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => previousCanonical(v) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = previousCanonical((value as Record<string, unknown>)[key]);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}

const previousContentHash = (e: ChainedEvent): string =>
  createHash('sha256')
    .update(previousCanonical([e.streamId, e.type, e.data, e.metadata]) ?? 'null')
    .digest('hex');

const previousLink = (previous: string | null, content: string): string =>
  createHash('sha256')
    .update(Buffer.from(previous ?? '', 'hex'))
    .update(Buffer.from(content, 'hex'))
    .digest('hex');

/** The chain walk as it was: content hash and link through hex strings. */
function previousWalk(events: readonly ChainedEvent[]): boolean {
  let previous: string | null = null;
  for (const e of events) {
    const computed = previousLink(previous, previousContentHash(e));
    if (computed !== e.hash) return false;
    previous = computed;
  }
  return true;
}

function currentWalk(events: readonly ChainedEvent[]): boolean {
  const walk = new ChainWalk();
  for (const e of events) if (!walk.add(e)) return false;
  return true;
}

type Encoder = 'previous' | 'current';
const parts = ['canonical JSON', 'content hash (append)', 'chain walk (audit)'] as const;

function timeOne(encoder: Encoder, part: (typeof parts)[number], lives: ChainedEvent[][]): number {
  const started = process.hrtime.bigint();
  let sink = 0;
  for (const events of lives) {
    if (part === 'chain walk (audit)') {
      if (!(encoder === 'current' ? currentWalk(events) : previousWalk(events)))
        throw new Error(`${encoder} walk does not verify a clean chain`);
      continue;
    }
    for (const e of events) {
      const content = [e.streamId, e.type, e.data, e.metadata];
      if (part === 'canonical JSON')
        sink += (encoder === 'current' ? canonicalJson(content) : previousCanonical(content))!
          .length;
      else sink += (encoder === 'current' ? contentHash(e) : previousContentHash(e)).length;
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const numberArg = (args: readonly string[], name: string, fallback: number): number => {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export async function run(args: string[]): Promise<void> {
  const positions = numberArg(args, 'positions', 5_000);
  const rounds = numberArg(args, 'rounds', 10);
  // As a reader gets them: parsed from JSON text, not the builder's objects.
  const lives = Array.from({ length: positions }, (_, i) =>
    recorded(cleanLife(`hashing-${i}`)).map((e): ChainedEvent => ({
      streamId: e.streamId,
      streamVersion: e.streamVersion,
      type: e.type,
      data: JSON.parse(JSON.stringify(e.data)) as unknown,
      metadata: JSON.parse(JSON.stringify(e.metadata)) as unknown,
      hash: e.hash ?? null,
    })),
  );
  for (const events of lives)
    for (const e of events) {
      const content = [e.streamId, e.type, e.data, e.metadata];
      if (canonicalJson(content) !== previousCanonical(content))
        throw new Error(`the encoders differ on ${e.streamId}@${e.streamVersion}`);
    }
  const events = positions * lives[0]!.length;
  const loadBefore = os.loadavg()[0]!;
  const totals = new Map<string, number>();
  for (let round = 0; round < rounds; round += 1) {
    const order: Encoder[] = round % 2 === 0 ? ['previous', 'current'] : ['current', 'previous'];
    for (const part of parts)
      for (const encoder of order) {
        const key = `${part}|${encoder}`;
        totals.set(key, (totals.get(key) ?? 0) + timeOne(encoder, part, lives));
      }
  }
  const usPerEvent = (part: string, encoder: Encoder): number =>
    (totals.get(`${part}|${encoder}`)! * 1000) / (rounds * events);
  const rows: Row[] = parts.map((part) => ({
    part,
    'previous µs/event': usPerEvent(part, 'previous'),
    'current µs/event': usPerEvent(part, 'current'),
    'current / previous': usPerEvent(part, 'current') / usPerEvent(part, 'previous'),
  }));
  const load = { before: loadBefore, after: os.loadavg()[0]! };
  printTable(
    `hash chain in JS: ${events.toLocaleString('en-US')} events x ${rounds} rounds, interleaved, ` +
      `${os.cpus().length} CPUs, 1-min load ${load.before.toFixed(1)} -> ${load.after.toFixed(1)}`,
    rows,
  );
  console.log(`\nwrote ${writeResults('event-store-hashing', rows, { positions, rounds, load })}`);
}
