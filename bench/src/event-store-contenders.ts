import { randomUUID } from 'node:crypto';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { PostgresEventStore, START } from '@hoga/event-store';
import type { NewEvent } from '@hoga/event-store';

/** One event store as the benchmark drives it. */
export interface Contender {
  readonly name: string;
  /** Appends with an expected version (0: the stream must not exist). */
  append(streamId: string, events: readonly NewEvent[], expectedVersion: number): Promise<void>;
  /** Reads every event from the start in pages of `pageSize`; returns how many it read. */
  readAll(pageSize: number): Promise<number>;
  close(): Promise<void>;
}

/** A position event of the size hoga writes (ids, market, decimal strings, trace metadata). */
export function positionEvent(positionId: string): NewEvent {
  const now = new Date().toISOString();
  return {
    type: 'PeakPriceRaised',
    data: {
      positionId,
      market: 'KRW-BTC',
      price: '143250000',
      volume: '0.00034912',
      peakPrice: '143300000',
      at: now,
    },
    metadata: {
      eventId: randomUUID(),
      occurredAt: now,
      causationId: randomUUID(),
      correlationId: positionId,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
  };
}

/** hoga's store, migrated into the bench database. */
export async function hogaContender(url: string): Promise<Contender> {
  const store = new PostgresEventStore({ connectionString: url, max: 10 });
  await store.migrate();
  return {
    name: 'hoga',
    async append(streamId, events, expectedVersion) {
      await store.append(streamId, events, {
        expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion,
      });
    },
    async readAll(pageSize) {
      let read = 0;
      let after = START;
      for (;;) {
        const page = await store.readAll({ after, limit: pageSize });
        if (page.events.length === 0) return read;
        read += page.events.length;
        after = page.checkpoint;
      }
    },
    close: () => store.close(),
  };
}

type BenchEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;

/** Emmett's PostgreSQL event store (same database, its own `emt_*` tables, a pool of 10). */
export async function emmettContender(url: string): Promise<Contender> {
  const pool = dumbo({ connectionString: url });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate();
  return {
    name: 'emmett',
    async append(streamId, events, expectedVersion) {
      const messages = events.map(
        (e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as BenchEvent,
      );
      await store.appendToStream(streamId, messages, {
        expectedStreamVersion:
          expectedVersion === 0 ? STREAM_DOES_NOT_EXIST : BigInt(expectedVersion),
      });
    },
    async readAll(pageSize) {
      let read = 0;
      let after = 0n;
      for (;;) {
        const page = await readMessagesBatch(pool.execute, { after, batchSize: pageSize });
        read += page.messages.length;
        if (page.messages.length === 0 || !page.areMessagesLeft) return read;
        after = page.currentGlobalPosition;
      }
    },
    close: () => store.close(),
  };
}
