import type { Fill, OrderRequest, PositionEvent } from '@hoga/contracts';
import type { RecordedEvent } from '@hoga/event-store';
import {
  evolve,
  evolveWithMachine,
  INITIAL_SNAPSHOT,
  isPositionEventRejected,
  type PositionSnapshot,
} from '@hoga/position';
import { discrepancy, type Finding } from './finding.js';
import { figuresOf, type TimelineEntry } from './timeline.js';
import { decodePositionEvent } from './position-event.decoder.js';

/** A fill event as stored: which trade, where, and whether the machine took it. */
export interface StoredFill {
  readonly version: number;
  readonly leg: 'entry' | 'exit';
  readonly fill: Fill;
  readonly applied: boolean;
}

/** An order intent as stored (`EntryOrderRequested` / `ExitOrderRequested`). */
export interface StoredIntent {
  readonly version: number;
  readonly request: OrderRequest;
}

type Step = (s: PositionSnapshot, e: PositionEvent) => PositionSnapshot;

/** The next snapshot, or null when the machine refuses the event (other errors propagate). */
function tryStep(step: Step, s: PositionSnapshot, e: PositionEvent): PositionSnapshot | null {
  try {
    return step(s, e);
  } catch (error) {
    if (isPositionEventRejected(error)) return null;
    throw error;
  }
}

/** The two folds agree: same state, same context (decimals compared as their exact text). */
const sameSnapshot = (a: PositionSnapshot, b: PositionSnapshot): boolean =>
  a.status === b.status && JSON.stringify(a.context) === JSON.stringify(b.context);

/**
 * The replay of one position stream, fed one stored event at a time in version order (so a
 * streaming read can feed it page by page): folds each event through the compiled machine table
 * (`evolve`, what the actor runs) and, with `reference`, through xstate's own `transition` too;
 * keeps the timeline, the fills and order intents seen, and the findings of the checks that
 * need only the stream (versions, decoding, legal transitions, the two folds agree). An event
 * the machine refuses is recorded as a finding and left out of the fold, so the audit goes on.
 */
export class PositionReplay {
  readonly timeline: TimelineEntry[] = [];
  readonly findings: Finding[] = [];
  readonly fills: StoredFill[] = [];
  readonly intents: StoredIntent[] = [];
  #events = 0;
  #snapshot: PositionSnapshot = INITIAL_SNAPSHOT;
  #reference: PositionSnapshot | null;
  #lastVersion = 0;
  #sawClose = false;

  /**
   * `keepTimeline` false: no timeline entry is kept (the timeline stays empty) — for a report
   * whose timelines are not printed (`--summary`); everything else is the same.
   */
  constructor(
    readonly positionId: string,
    reference = false,
    readonly keepTimeline = true,
  ) {
    this.#reference = reference ? INITIAL_SNAPSHOT : null;
  }

  /** The events fed so far (decoded or not). */
  get events(): number {
    return this.#events;
  }

  /** The fold so far (refused events left out). */
  get snapshot(): PositionSnapshot {
    return this.#snapshot;
  }

  /** True once a `PositionClosed` was stored (accepted by the machine or not). */
  get sawClose(): boolean {
    return this.#sawClose;
  }

  /** The version of the last event fed (0 before any). */
  get lastVersion(): number {
    return this.#lastVersion;
  }

  /** Folds the next stored event of the stream. */
  add(row: RecordedEvent): void {
    this.#events += 1;
    this.#checkVersion(row.streamVersion);
    const decoded = decodePositionEvent(row);
    if (decoded._tag === 'Left') {
      this.findings.push(
        discrepancy(
          'event-decodes',
          this.positionId,
          `${row.type} at version ${row.streamVersion} does not decode: ${decoded.left.message}`,
          { type: row.type, eventId: row.metadata.eventId },
          row.streamVersion,
        ),
      );
      this.#record(row, null, true);
      return;
    }
    const event = decoded.right;
    this.#collect(row.streamVersion, event);
    const next = tryStep(evolve, this.#snapshot, event);
    if (next === null)
      this.findings.push(
        discrepancy(
          'transition-legal',
          this.positionId,
          `the position machine refuses ${event.type} in state ${this.#snapshot.status} (version ${row.streamVersion})`,
          { type: event.type, state: this.#snapshot.status, eventId: event.id },
          row.streamVersion,
        ),
      );
    this.#crossCheck(row.streamVersion, event, next);
    if (next !== null) this.#snapshot = next;
    this.#record(row, event, next === null);
  }

  #checkVersion(version: number): void {
    const expected = this.#lastVersion + 1;
    if (version !== expected)
      this.findings.push(
        discrepancy(
          'stream-gapless',
          this.positionId,
          version > expected
            ? `stream versions jump from ${this.#lastVersion} to ${version}: ${version - expected} event(s) missing`
            : `version ${version} comes after ${this.#lastVersion}`,
          { after: this.#lastVersion, next: version },
          version,
        ),
      );
    this.#lastVersion = version;
  }

  #collect(version: number, event: PositionEvent): void {
    if (event.type === 'PositionClosed') this.#sawClose = true;
    if (event.type === 'EntryOrderRequested' || event.type === 'ExitOrderRequested')
      this.intents.push({ version, request: event.data });
  }

  /** `--reference`: xstate's `transition` from the same state must give the same result. */
  #crossCheck(version: number, event: PositionEvent, table: PositionSnapshot | null): void {
    if (this.#reference === null) return;
    const reference = tryStep(evolveWithMachine, this.#reference, event);
    const agree =
      reference === null || table === null ? reference === table : sameSnapshot(reference, table);
    if (!agree)
      this.findings.push(
        discrepancy(
          'reference-agrees',
          this.positionId,
          `xstate's transition and the compiled table disagree on ${event.type} (version ${version})`,
          {
            type: event.type,
            table: table === null ? 'refused' : table.status,
            reference: reference === null ? 'refused' : reference.status,
          },
          version,
        ),
      );
    // Go on from the table's fold, so one divergence is reported once.
    this.#reference = table ?? this.#snapshot;
  }

  #record(row: RecordedEvent, event: PositionEvent | null, refused: boolean): void {
    if (event !== null && (event.type === 'EntryFilled' || event.type === 'ExitFilled'))
      this.fills.push({
        version: row.streamVersion,
        leg: event.type === 'EntryFilled' ? 'entry' : 'exit',
        fill: event.data,
        applied: !refused,
      });
    if (!this.keepTimeline) return;
    const figures =
      event === null
        ? {
            price: null,
            volume: null,
            krw: null,
            fee: null,
            by: null,
            detail: 'does not decode',
            commandId: null,
          }
        : figuresOf(event);
    this.timeline.push({
      version: row.streamVersion,
      at: event?.occurredAt ?? row.metadata.occurredAt,
      recordedAt: row.recordedAt.toISOString(),
      type: row.type,
      ...figures,
      stateAfter: this.#snapshot.status,
      refused,
    });
  }
}
