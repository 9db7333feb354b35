/**
 * A worker thread of `walkChainsInWorkers` (ADR 0048, addendum "speed"): on its own connection,
 * inside the audit's exported snapshot, it reads one part of the streams in scope (`scanStreams`
 * with a partition) and walks each stream's hash chain (`ChainWalk`: canonical JSON and two
 * SHA-256 an event), then posts every stream's verdict — taken without the head, which the
 * audit checks against the `streams` row it read itself (`againstHead`). The replay on the main
 * thread no longer hashes. Started only by `chain-workers.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import {
  ChainWalk,
  isCorruptRowError,
  scanStreams,
  type ChainVerdict,
  type StreamScanFilter,
} from '@hoga/event-store';

/** What a chain worker is given. */
export interface ChainWorkerInput {
  /** How to connect (the audit pool's settings that survive a structured clone). */
  readonly connection: pg.ClientConfig;
  /** `pg_export_snapshot()` of the audit's transaction. */
  readonly snapshot: string;
  readonly filter: StreamScanFilter;
  readonly partition: { readonly index: number; readonly of: number };
  readonly fetchSize?: number;
}

/** What a chain worker posts back once: every stream's walk, or why it could not. */
export type ChainWorkerOutput =
  | {
      readonly ok: true;
      readonly events: number;
      readonly verdicts: readonly (readonly [streamId: string, verdict: ChainVerdict])[];
    }
  | { readonly ok: false; readonly corruptRow: boolean; readonly message: string };

/** A snapshot id as PostgreSQL writes them (hex groups and dashes): nothing else is sent. */
const SNAPSHOT_ID = /^[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+$/;

async function walk(input: ChainWorkerInput): Promise<ChainWorkerOutput> {
  if (!SNAPSHOT_ID.test(input.snapshot))
    return { ok: false, corruptRow: false, message: `not a snapshot id: ${input.snapshot}` };
  const client = new pg.Client(input.connection);
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(`set transaction snapshot '${input.snapshot}'`);
    const walks = new Map<string, ChainWalk>();
    let events = 0;
    let current: ChainWalk | undefined;
    let currentId: string | null = null;
    for await (const batch of scanStreams(client, input.filter, {
      partition: input.partition,
      ...(input.fetchSize === undefined ? {} : { fetchSize: input.fetchSize }),
    })) {
      for (const row of batch) {
        if (row.streamId !== currentId) {
          currentId = row.streamId;
          current = walks.get(currentId);
          if (current === undefined) walks.set(currentId, (current = new ChainWalk()));
        }
        current!.add(row);
      }
      events += batch.length;
    }
    await client.query('rollback');
    return {
      ok: true,
      events,
      verdicts: [...walks].map(([id, w]) => [id, w.verdict()] as const),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const input = workerData as ChainWorkerInput;
walk(input).then(
  (output) => parentPort!.postMessage(output),
  (error: unknown) =>
    parentPort!.postMessage({
      ok: false,
      corruptRow: isCorruptRowError(error),
      message: error instanceof Error ? error.message : String(error),
    } satisfies ChainWorkerOutput),
);
