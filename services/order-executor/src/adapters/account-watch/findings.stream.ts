import { randomUUID } from 'node:crypto';
import { AccountFindingEvent, eventStreams } from '@hoga/contracts';
import { decodeStoredEvent, newEventOf, type EventStore } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { evolveFindings, type Findings } from '../../domain/account-watch/findings.fold.js';

/** The stream of findings: order-executor is its single writer (ADR 0026). */
export const FINDINGS_STREAM_ID = eventStreams.accountFindings;

/** The data of one event to append, by type. */
export type FindingEventData = {
  [K in AccountFindingEvent['type']]: {
    readonly type: K;
    readonly data: Extract<AccountFindingEvent, { type: K }>['data'];
  };
}[AccountFindingEvent['type']];

/** Reads and appends the `account-findings` stream through the event store. */
export class FindingsStream {
  constructor(private readonly store: EventStore) {}

  /** Folds every event of the stream. */
  async load(): Promise<{ findings: Findings; version: number }> {
    const rows = await this.store.readStream(FINDINGS_STREAM_ID);
    let findings: Findings = new Map();
    for (const row of rows) {
      const event = decodeStoredEvent((u) => decodeWith(AccountFindingEvent, u), row);
      findings = evolveFindings(findings, event);
    }
    return { findings, version: rows.at(-1)?.streamVersion ?? 0 };
  }

  /**
   * Appends at `expectedVersion` (a `VersionConflictError` when another writer got there
   * first); returns the envelopes as stored.
   */
  async append(
    events: readonly FindingEventData[],
    expectedVersion: number,
    at: Date,
    causationId: string | null,
  ): Promise<AccountFindingEvent[]> {
    const correlationId = causationId ?? randomUUID();
    const envelopes = events.map(
      (e) =>
        ({
          id: randomUUID(),
          type: e.type,
          occurredAt: at.toISOString(),
          causationId,
          correlationId,
          data: e.data,
        }) as AccountFindingEvent,
    );
    const rows = envelopes.map((envelope) => newEventOf(AccountFindingEvent.encode, envelope));
    await this.store.append(FINDINGS_STREAM_ID, rows, { expectedVersion });
    return envelopes;
  }
}
