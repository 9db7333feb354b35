import * as t from 'io-ts';
import type { PositionEvent, PositionEventType, RiskEvent } from '@hoga/contracts';

/** What a timeline item is about. */
export const TimelineKind = t.keyof(
  {
    /** The entry of a position: its order, cancel, activation. */
    entry: null,
    /** An exit: trigger, order, cancel, close. */
    exit: null,
    /** A trade applied to a position (entry or exit). */
    fill: null,
    /** An order that never existed on the exchange, a position in error. */
    error: null,
    /** Safe mode: the trading state went HALTED, or a halt reached a position. */
    halt: null,
    /** Another move of the risk state (reduce, resume, loss limit armed, breached, disarmed). */
    risk: null,
    /** An operator's command on a position (run, pause, resume, close, retry-close, dismiss). */
    command: null,
  },
  'TimelineKind',
);
export type TimelineKind = t.TypeOf<typeof TimelineKind>;

/** One item of the engine-wide timeline (money in `figures` as exact-decimal strings). */
export interface TimelineEntry {
  /** When it happened (the event's `occurredAt`). */
  readonly at: string;
  readonly kind: TimelineKind;
  /** The stored event's type (`ExitTriggered`, `TradingStateChanged`, ...). */
  readonly type: string;
  readonly positionId: string | null;
  readonly market: string | null;
  /** Who did it: the operator (`dashboard:alice`, `cli:bob`), `loss-limit`; null: the engine. */
  readonly by: string | null;
  /** The operator command id, when a command caused it. */
  readonly commandId: string | null;
  /** The event's figures as stored (encoded data; a run's strategy spec left out). */
  readonly figures: Readonly<Record<string, unknown>>;
  /** The event's id, stream and version (the position's event list has it at that version). */
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
}

/** Position events on the timeline, by kind (the others — peaks, order ends — are not). */
const POSITION_KINDS: Partial<Record<PositionEventType, TimelineKind>> = {
  PositionOpened: 'command',
  EntryOrderRequested: 'entry',
  EntryOrderCancelRequested: 'entry',
  PositionActivated: 'entry',
  EntryFilled: 'fill',
  ExitFilled: 'fill',
  ExitTriggered: 'exit',
  ExitOrderRequested: 'exit',
  ExitOrderCancelRequested: 'exit',
  PositionClosed: 'exit',
  OrderFailed: 'error',
  PositionFailed: 'error',
  RiskHaltReceived: 'halt',
  PositionPaused: 'command',
  PositionResumed: 'command',
  CloseRequested: 'command',
  CloseRetried: 'command',
  ErrorDismissed: 'command',
};

/** Where an event was stored. */
export interface StoredAt {
  readonly streamId: string;
  readonly version: number;
}

/** The timeline item of a position event (null for events the timeline leaves out). */
export function positionTimelineEntry(
  event: PositionEvent,
  /** The event's data as stored (its codec's encoding). */
  storedData: unknown,
  market: string | null,
  positionId: string,
  stored: StoredAt,
): TimelineEntry | null {
  const kind = POSITION_KINDS[event.type];
  if (kind === undefined) return null;
  const data = { ...(storedData as Record<string, unknown>) };
  let by: string | null = null;
  let commandId: string | null = null;
  if (event.type === 'PositionOpened') {
    by = event.data.openedBy;
    delete data['strategy'];
  } else if ('issuedBy' in event.data) {
    by = event.data.issuedBy;
    commandId = event.data.commandId;
  }
  return {
    at: event.occurredAt,
    kind,
    type: event.type,
    positionId,
    market,
    by,
    commandId,
    figures: data,
    eventId: event.id,
    ...stored,
  };
}

const riskKind = (event: RiskEvent): TimelineKind =>
  event.type === 'TradingStateChanged' && event.data.to === 'HALTED' ? 'halt' : 'risk';

/** The timeline item of a risk-stream event (every one is on the timeline). */
export function riskTimelineEntry(
  event: RiskEvent,
  storedData: unknown,
  stored: StoredAt,
): TimelineEntry {
  const data = storedData as Record<string, unknown>;
  const by = 'by' in event.data ? event.data.by : null;
  const commandId = 'commandId' in event.data ? event.data.commandId : null;
  return {
    at: event.occurredAt,
    kind: riskKind(event),
    type: event.type,
    positionId: null,
    market: null,
    by,
    commandId,
    figures: data,
    eventId: event.id,
    ...stored,
  };
}
