import { eventStreams } from '@hoga/contracts';
import { scanStreams, type StreamScanFilter } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { AuditRun, type AuditReport, type AuditScope } from '../core/audit-run.js';
import { eventsInScope, scanFilter, streamsInScope } from './audit-scope.query.js';
import type { Db, Snapshot } from './audit-snapshot.js';
import { walkChainsInWorkers, type ChainWorkers } from './chain-workers.js';
import { readRecords } from './executor-records.query.js';
import {
  chainWorkerCount,
  withTotal,
  type PostgresAuditOptions,
} from './postgres-audit.options.js';
import { streamHeads } from './stream-heads.query.js';

/**
 * Feeds the run every stored event of the streams in scope, folding while it reads: one
 * server-side cursor over the events in (stream, version) order, fetched in large batches, in
 * the audit's snapshot (`scanStreams`).
 */
async function feedEvents(
  client: Db,
  run: AuditRun,
  filter: StreamScanFilter,
  totalStreams: number,
  options: PostgresAuditOptions,
): Promise<void> {
  let events = 0;
  let done = 0;
  let current: string | null = null;
  for await (const batch of scanStreams(client, filter)) {
    for (const row of batch) {
      if (row.streamId !== current) {
        current = row.streamId;
        done += 1;
      }
      run.add(row);
    }
    events += batch.length;
    options.onProgress?.({ events, streams: done, totalStreams });
  }
}

/**
 * Starts the chain workers for this audit (none when `count` is 0 or the pool's settings cannot
 * be sent to a thread): they read the same streams in this transaction's exported snapshot.
 */
async function startChainWorkers(
  snapshot: Snapshot,
  filter: StreamScanFilter,
  count: number,
): Promise<ChainWorkers | null> {
  if (count === 0 || snapshot.workerConnection === null) return null;
  const { rows } = await snapshot.client.query<{ id: string }>('select pg_export_snapshot() as id');
  return walkChainsInWorkers(snapshot.workerConnection, rows[0]!.id, filter, count);
}

/** The positions of `scope`, folded and checked, read through one snapshot. */
export async function readPositions(
  snapshot: Snapshot,
  scope: AuditScope,
  options: PostgresAuditOptions,
): Promise<AuditReport> {
  const { client } = snapshot;
  const streams = await streamsInScope(client, scope);
  const total = await eventsInScope(client, scope, streams);
  const filter = scanFilter(scope, streams);
  const workers = await startChainWorkers(snapshot, filter, chainWorkerCount(options));
  try {
    const run = new AuditRun(scope, { ...options, walkChains: workers === null });
    for (const id of streams) run.expectStream(id);
    await feedEvents(client, run, filter, streams.length, withTotal(options, total));
    const positionIds = run.positionIds;
    const { heads, chainHeads } = await streamHeads(
      client,
      positionIds.map((p) => eventStreams.position(p as PositionId)),
    );
    const records = await readRecords(
      client,
      positionIds,
      run.intentOrderIds,
      scope.kind === 'all',
    );
    const walkedChains = workers === null ? undefined : (await workers.done).verdicts;
    return run.finish({
      records,
      heads,
      chainHeads,
      ...(walkedChains === undefined ? {} : { walkedChains }),
    });
  } catch (error) {
    await workers?.stop();
    throw error;
  }
}
