/**
 * The hash chains of an audit walked off the main thread (ADR 0048, addendum "speed"): the
 * audit's transaction exports its snapshot, and `count` worker threads (`chain-worker.ts`) each
 * read one part of the streams in scope inside that same snapshot, on a connection of their
 * own, and walk their chains. The main thread reads and replays the same rows meanwhile and
 * no longer hashes; the workers' verdicts are checked against the `streams` heads as before.
 */
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { ChainVerdict, StreamScanFilter } from '@hoga/event-store';
import { AuditSourceError } from './audit-source.error.js';
import type { ChainWorkerInput, ChainWorkerOutput } from './chain-worker.js';

/** Every walked stream's verdict (without its head), and the events the walks read. */
export interface WalkedChains {
  readonly verdicts: ReadonlyMap<string, ChainVerdict>;
  readonly events: number;
}

/** Chain walks under way in worker threads. */
export interface ChainWorkers {
  /** Every stream's verdict once all workers are done; rejects with an `AuditSourceError`. */
  readonly done: Promise<WalkedChains>;
  /** Stops every worker (the audit failed elsewhere); `done` is then never awaited. */
  stop(): Promise<void>;
}

/** The settings of `pool` a worker can connect with, or null when some cannot be sent to one. */
export function workerConnectionOf(pool: pg.Pool): pg.ClientConfig | null {
  const o = pool.options as pg.PoolConfig;
  if (o.stream !== undefined || o.Client !== undefined || typeof o.password === 'function')
    return null;
  const config: pg.ClientConfig = {};
  const keys = [
    'user',
    'database',
    'password',
    'port',
    'host',
    'connectionString',
    'options',
    'application_name',
    'ssl',
    'connectionTimeoutMillis',
    'client_encoding',
  ] as const;
  for (const key of keys)
    if (o[key] !== undefined) (config as Record<string, unknown>)[key] = o[key];
  try {
    return structuredClone(config);
  } catch {
    // An ssl setting with functions (a custom checkServerIdentity): walk on the main thread.
    return null;
  }
}

/** One worker's walk as a promise (it posts once, then its thread ends). */
function runWorker(input: ChainWorkerInput, workers: Worker[]): Promise<ChainWorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./chain-worker.js', import.meta.url), { workerData: input });
    workers.push(worker);
    worker.once('message', (output: ChainWorkerOutput) => resolve(output));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the chain worker stopped (exit code ${code}) before it answered`)),
    );
  });
}

/**
 * Starts `count` workers walking the chains of the streams `filter` selects, in the snapshot
 * `snapshot` (from `pg_export_snapshot()` of a transaction that stays open until `done`).
 */
export function walkChainsInWorkers(
  connection: pg.ClientConfig,
  snapshot: string,
  filter: StreamScanFilter,
  count: number,
): ChainWorkers {
  const workers: Worker[] = [];
  const outputs = Array.from({ length: count }, (_, index) =>
    runWorker({ connection, snapshot, filter, partition: { index, of: count } }, workers),
  );
  // Settled here too: a worker that fails while the main thread still reads is no unhandled
  // rejection; `done` below still rejects with it.
  for (const output of outputs) output.catch(() => undefined);
  const done = Promise.all(outputs).then(
    (results) => {
      const verdicts = new Map<string, ChainVerdict>();
      let events = 0;
      for (const result of results) {
        if (!result.ok)
          throw new AuditSourceError(
            result.corruptRow ? 'corrupt-row' : 'database',
            result.corruptRow
              ? result.message
              : `cannot read the database (hash chain worker): ${result.message}`,
          );
        events += result.events;
        for (const [id, verdict] of result.verdicts) verdicts.set(id, verdict);
      }
      return { verdicts, events };
    },
    (error: unknown) => {
      throw new AuditSourceError(
        'database',
        `the hash chain worker failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    },
  );
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
