import type { StreamSpec } from './route.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** JetStream's usual duplicate window: a relay re-publishing after a crash is caught by it. */
const DEDUP = 2 * MINUTE;

/**
 * The JetStream streams of hoga. Each subject is captured by exactly one stream. Stores of
 * record are PostgreSQL tables; the streams keep enough for consumers to catch up.
 */
export const STREAMS = {
  /** Order commands: a work queue (a command is gone once executed and acked), kept until then. */
  orderCommands: {
    name: 'ORDER_CMD',
    subjects: ['hoga.order.cmd'],
    retention: 'workqueue',
    duplicateWindowMs: DEDUP,
    maxAgeMs: 0,
  },
  /**
   * Order events, `hoga.order.evt.<partition>.<positionId>` (ADR 0065). The unpartitioned
   * `hoga.order.evt.<positionId>` of earlier versions stays captured so the consumers of an
   * upgraded deployment can be drained; nothing publishes there any more.
   */
  orderEvents: {
    name: 'ORDER_EVT',
    subjects: ['hoga.order.evt.*.*', 'hoga.order.evt.*'],
    retention: 'limits',
    duplicateWindowMs: DEDUP,
    maxAgeMs: 30 * DAY,
  },
  positionEvents: {
    name: 'POSITION_EVT',
    subjects: ['hoga.position.evt.*'],
    retention: 'limits',
    duplicateWindowMs: DEDUP,
    maxAgeMs: 30 * DAY,
  },
  /** Risk state snapshots (frequent), halts and risk events. */
  risk: {
    name: 'RISK',
    subjects: ['hoga.risk.state', 'hoga.risk.halt', 'hoga.risk.evt'],
    retention: 'limits',
    duplicateWindowMs: DEDUP,
    maxAgeMs: 7 * DAY,
  },
  alerts: {
    name: 'ALERTS',
    subjects: ['hoga.alert.*'],
    retention: 'limits',
    duplicateWindowMs: DEDUP,
    maxAgeMs: 30 * DAY,
  },
  /**
   * Dead letters, raw (the original bytes and headers plus `Hoga-Dead-Letter-*` headers), kept
   * whether or not anyone listens; bounded by age, count and bytes, the oldest discarded first
   * (ADR 0034). These are defaults: the bus takes overrides (`HOGA_DEAD_LETTERS__*`).
   */
  deadLetters: {
    name: 'DLQ',
    subjects: ['hoga.dlq.>'],
    retention: 'limits',
    duplicateWindowMs: DEDUP,
    maxAgeMs: 14 * DAY,
    maxMsgs: 10_000,
    maxBytes: 64 * 1024 * 1024,
  },
  /**
   * Log lines of every service (ADR 0042), captured from plain publishes on `hoga.log.<service>.<level>`
   * (no ack, no message id: nothing to deduplicate) for the dashboard's log viewer; bounded by age
   * and bytes, the oldest discarded first. These are defaults: overrides from `HOGA_LOGS__*`.
   */
  logs: {
    name: 'LOGS',
    subjects: ['hoga.log.>'],
    retention: 'limits',
    duplicateWindowMs: MINUTE,
    maxAgeMs: 7 * DAY,
    maxBytes: 64 * 1024 * 1024,
  },
} as const satisfies Record<string, StreamSpec>;

/** Every stream, to declare them all at start. */
export const ALL_STREAMS: readonly StreamSpec[] = Object.values(STREAMS);
