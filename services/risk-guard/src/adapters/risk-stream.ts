import { randomUUID } from 'node:crypto';
import { eventStreams, RiskEvent } from '@hoga/contracts';
import {
  checkpointOf,
  decodeStoredEvent,
  newEventOf,
  type Checkpoint,
  type EventStore,
  type RecordedEvent,
} from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { evolve, initialTradingState, type TradingState, type TradingStateEvent } from '@hoga/risk';

/** The event-store stream of the trading state. */
export const RISK_STREAM_ID = eventStreams.risk;

/** A risk event as appended: the envelope for the bus, the domain event for the fold. */
export interface StoredRiskEvent {
  readonly envelope: RiskEvent;
  readonly event: TradingStateEvent;
}

/** The trading state folded from the stream, at a version. */
export interface LoadedRiskStream {
  readonly state: TradingState;
  readonly version: number;
  /** True once any loss limit was armed or disarmed: config never overrides an operator. */
  readonly limitEverSet: boolean;
  /** Where the armed loss limit was armed in the store's commit order; null when none is. */
  readonly armedAt: Checkpoint | null;
}

function toDomain(envelope: RiskEvent): TradingStateEvent {
  return { type: envelope.type, ...envelope.data } as TradingStateEvent;
}

const fromRecorded = (row: RecordedEvent): RiskEvent =>
  decodeStoredEvent((u) => decodeWith(RiskEvent, u), row);

/** Reads and appends the `risk` stream; the stream is the truth, the KV a cache of it. */
export class RiskStream {
  constructor(private readonly store: EventStore) {}

  /** Folds every event of the stream with `evolve`. */
  async load(): Promise<LoadedRiskStream> {
    const rows = await this.store.readStream(RISK_STREAM_ID);
    let state = initialTradingState();
    let limitEverSet = false;
    let armedAt: Checkpoint | null = null;
    for (const row of rows) {
      const event = toDomain(fromRecorded(row));
      limitEverSet ||= event.type === 'LossLimitArmed' || event.type === 'LossLimitDisarmed';
      if (event.type === 'LossLimitArmed') armedAt = checkpointOf(row);
      state = evolve(state, event);
    }
    if (state.lossLimit === null) armedAt = null;
    return { state, version: rows.at(-1)?.streamVersion ?? 0, limitEverSet, armedAt };
  }

  /** Where the event at `version` stands in the store's commit order. */
  async checkpointAt(version: number): Promise<Checkpoint> {
    const [row] = await this.store.readStream(RISK_STREAM_ID, version);
    if (row?.streamVersion !== version) throw new Error(`risk@${version} is not stored`);
    return checkpointOf(row);
  }

  /**
   * Appends the decided events at `expectedVersion` (a `VersionConflictError` when another
   * writer got there first). `causationId` is the command or message that led to them.
   */
  async append(
    events: readonly TradingStateEvent[],
    expectedVersion: number,
    provenance: {
      readonly causationId: string | null;
      readonly correlationId: string;
      readonly at: string;
    },
  ): Promise<StoredRiskEvent[]> {
    const stored = events.map((event): StoredRiskEvent => {
      const { type, ...data } = event;
      const envelope = {
        id: randomUUID(),
        type,
        occurredAt: provenance.at,
        causationId: provenance.causationId,
        correlationId: provenance.correlationId,
        data,
      } as RiskEvent;
      return { envelope, event };
    });
    const rows = stored.map(({ envelope }) => newEventOf(RiskEvent.encode, envelope));
    await this.store.append(RISK_STREAM_ID, rows, { expectedVersion });
    return stored;
  }
}
