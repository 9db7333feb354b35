import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dec } from '@hoga/model';
import { DurableState } from '../persistence/durable-state.js';
import { JournalWriter } from '../persistence/journal-file.js';
import { inputRecordText, orderInputText, tradeInputText } from '../persistence/record-text.js';
import type { FsyncPolicy } from '../persistence/journal-file.js';
import { ManualClock } from '../util/clock.js';
import { createWorld, type WorldListener } from '../world.js';
import {
  matchingBenchConfig,
  matchingWorkloadStep,
  runMatchingWorkload,
} from './matching-throughput.js';

/** In memory only, or journaled with an fsync policy. */
export type DurabilityMode = 'memory' | FsyncPolicy;

/** One run of the matching workload in one durability mode. */
export interface DurableMatchingRun {
  readonly mode: DurabilityMode;
  readonly orders: number;
  readonly fills: number;
  readonly elapsedMs: number;
  /** CPU time of the process (user + system, every thread) over the run: less noisy than wall time on a shared machine. */
  readonly cpuMs: number;
  readonly ordersPerSecond: number;
  /** Orders per CPU second. */
  readonly ordersPerCpuSecond: number;
  /** Journal records written (one per request or price step that changed something). */
  readonly records: number;
  /** Bytes appended to the journal (over compactions). */
  readonly journalBytes: number;
  readonly snapshots: number;
}

/**
 * The matching workload of `measureMatchingThroughput` (`n` orders, a price step every 10),
 * with a commit after every `commitEvery` orders and steps (1 = as the server commits at the end
 * of each request when requests come one at a time),
 * in memory or journaled to a temporary directory (`dir`, default the OS temp directory) with
 * an fsync policy. The clock is manual: the times are the exchange's and the journal's only.
 */
export async function measureDurableMatching(
  mode: DurabilityMode,
  n = 10_000,
  options: {
    seed?: string | number;
    dir?: string;
    compactBytes?: number;
    /** Orders and steps per commit (default 1: each its own request). */
    commitEvery?: number;
    /**
     * Orders per event-loop turn, with no explicit commits: the journal's own group commit
     * (one record per turn) does them, as when the server reads that many requests in a turn.
     * The loop yields a turn (`setImmediate`) after each batch in every mode, memory included.
     */
    requestsPerTurn?: number;
    /**
     * How orders reach the exchange: `text` (default) as a REST request's JSON text, parsed
     * in the run in every mode as the server parses it, and journaled as it came; `objects`
     * as parsed bodies with no text (the journal then serialises each body).
     */
    requests?: 'text' | 'objects';
  } = {},
): Promise<DurableMatchingRun> {
  const clock = new ManualClock();
  const accessKey = 'bench';
  const config = matchingBenchConfig(clock, accessKey, options.seed ?? 1);
  let fills = 0;
  const listener: WorldListener = {
    marketTraded: () => undefined,
    assetsChanged: () => undefined,
    orderChanged: (_o, change) => void (change.kind === 'trade' && fills++),
  };
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'emulator-durability-'));
  try {
    const durable =
      mode === 'memory'
        ? undefined
        : DurableState.open(
            {
              path: join(dir, 'state.json'),
              fsync: mode,
              ...(options.compactBytes !== undefined ? { compactBytes: options.compactBytes } : {}),
            },
            () => undefined,
          );
    const world = durable ? durable.createWorld(config, listener) : createWorld(config, listener);
    const seqBefore = durable?.status().seq ?? 0;
    const bytesBefore = durable?.status().appendedBytes ?? 0;
    let ops = 0;
    const every = options.commitEvery ?? 1;
    const perTurn = options.requestsPerTurn;
    // nothing else per commit: what the run appended is read once, after it
    const commit =
      durable && perTurn === undefined
        ? () => {
            if (++ops % every === 0) durable.commit();
          }
        : () => undefined;
    const cpu = process.cpuUsage();
    const started = performance.now();
    let accepted = 0;
    const asText = (options.requests ?? 'text') === 'text';
    if (perTurn === undefined)
      accepted = runMatchingWorkload(world, clock, accessKey, n, commit, asText).accepted;
    else
      for (let i = 0; i < n; i++) {
        if (matchingWorkloadStep(world, clock, accessKey, i, undefined, asText).accepted)
          accepted++;
        if ((i + 1) % perTurn === 0 || i === n - 1) {
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    durable?.commit();
    const elapsedMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const status = durable?.status();
    await durable?.close();
    return {
      mode,
      orders: accepted,
      fills,
      elapsedMs,
      cpuMs,
      ordersPerSecond: elapsedMs > 0 ? (accepted / elapsedMs) * 1000 : accepted,
      ordersPerCpuSecond: cpuMs > 0 ? (accepted / cpuMs) * 1000 : accepted,
      records: (status?.seq ?? 0) - seqBefore,
      journalBytes: (status?.appendedBytes ?? 0) - bytesBefore,
      snapshots: (status?.snapshots ?? 1) - 1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a start after a crash costs: the journal of a run replayed over its snapshot. */
export interface RecoveryRun {
  readonly orders: number;
  /** Journal inputs replayed (orders, price steps). */
  readonly inputs: number;
  readonly records: number;
  readonly journalBytes: number;
  /** Reading the snapshot and the journal and replaying it (`persistence().recoveryMs`). */
  readonly recoveryMs: number;
}

/**
 * Runs the bench workload (`n` orders, a price step every 10) journaled, commits every
 * `commitEvery` orders and steps, then starts again on a copy of the files as a `kill -9`
 * leaves them (no final snapshot): what the restart's replay of the journal costs.
 */
export async function measureRecovery(
  n = 10_000,
  options: { seed?: string | number; dir?: string; commitEvery?: number } = {},
): Promise<RecoveryRun> {
  const clock = new ManualClock();
  const accessKey = 'bench';
  const config = matchingBenchConfig(clock, accessKey, options.seed ?? 1);
  const listener: WorldListener = {
    marketTraded: () => undefined,
    assetsChanged: () => undefined,
    orderChanged: () => undefined,
  };
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'emulator-recovery-'));
  const crashed = mkdtempSync(join(options.dir ?? tmpdir(), 'emulator-recovery-crashed-'));
  const persistence = (at: string) => ({
    path: join(at, 'state.json'),
    fsync: 'off' as const,
    compactBytes: Number.MAX_SAFE_INTEGER,
    compactInputs: Number.MAX_SAFE_INTEGER,
  });
  try {
    const durable = DurableState.open(persistence(dir), () => undefined);
    const world = durable.createWorld(config, listener);
    let ops = 0;
    const every = options.commitEvery ?? 1;
    const { accepted, steps } = runMatchingWorkload(world, clock, accessKey, n, () => {
      if (++ops % every === 0) durable.commit();
    });
    durable.commit();
    const { seq, journalBytes } = durable.status();
    cpSync(dir, crashed, { recursive: true });
    await durable.close();
    const again = DurableState.open(persistence(crashed), () => undefined);
    again.createWorld(config, listener);
    const status = again.status();
    await again.close();
    return {
      orders: accepted,
      inputs: n + steps,
      records: status.replayed,
      journalBytes: seq > 0 ? journalBytes : 0,
      recoveryMs: status.recoveryMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(crashed, { recursive: true, force: true });
  }
}

/**
 * The journal's own work per order of the bench workload, alone in a tight loop (best of
 * `rounds`): the text of one order input (a step's every 10th) with the body as the JSON text
 * a REST request brought (`textCpuUs`) or serialised from the parsed body (`serialisedTextCpuUs`,
 * before record text took the request's text), the record around it, its encoding, checksum
 * and `write` (fsync off). What a commit per order adds when nothing else competes for the
 * caches (CPU µs per order).
 */
export function measureJournalWork(
  n = 20_000,
  rounds = 15,
  dir: string = tmpdir(),
): { textCpuUs: number; serialisedTextCpuUs: number; writeCpuUs: number; bytesPerRecord: number } {
  const at = mkdtempSync(join(dir, 'emulator-journal-work-'));
  try {
    const journal = new JournalWriter(join(at, 'journal'), 'off', () => undefined);
    const body = {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '99990000',
      volume: '0.001',
    };
    const bodyText = JSON.stringify(body);
    const uuid = '5f0c8d1e-7a52-4b8e-9d3a-0c1f2e3d4b5a';
    const price = dec('100010000');
    const words = [2166136261, 16777619, 3735928559, 4294967295] as const;
    const text = (i: number, sent: string | undefined) => {
      const order = orderInputText(1_767_571_200_000 + i, 'bench', body, uuid, sent);
      return inputRecordText(
        i,
        i % 10 === 9
          ? `${order},${tradeInputText(1_767_571_200_000 + i, 'KRW-BTC', price)}`
          : order,
        words,
      );
    };
    const best = (work: (i: number) => void) => {
      let us = Number.POSITIVE_INFINITY;
      for (let r = 0; r < rounds; r++) {
        const cpu = process.cpuUsage();
        for (let i = 0; i < n; i++) work(i);
        const used = process.cpuUsage(cpu);
        us = Math.min(us, (used.user + used.system) / n);
        journal.truncate();
      }
      return us;
    };
    let bytes = 0;
    const textCpuUs = best((i) => void (bytes += text(i, bodyText).length));
    const serialisedTextCpuUs = best((i) => void text(i, undefined).length);
    const allCpuUs = best((i) => journal.appendJson(text(i, bodyText)));
    return {
      textCpuUs,
      serialisedTextCpuUs,
      writeCpuUs: allCpuUs - textCpuUs,
      bytesPerRecord: Math.round(bytes / (n * rounds)) + 10,
    };
  } finally {
    rmSync(at, { recursive: true, force: true });
  }
}
