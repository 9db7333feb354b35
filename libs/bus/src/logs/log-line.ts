import type { LogLevel, LogRecord } from '@hoga/contracts';
import { capText } from '@hoga/model';

/**
 * One structured log line as a logger hands it to its sinks: the shape of `@hoga/telemetry`'s
 * `LogRecord`, spelled here so the bus does not depend on telemetry (a bus log sink is a
 * telemetry `LogSink`).
 */
export interface LogLine {
  readonly time: string;
  readonly level: LogLevel;
  readonly service: string;
  readonly msg: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

const MAX_MESSAGE = 4_000;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}/;

const stringField = (fields: LogLine['fields'], ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
};

/** The W3C trace and span ids a line's fields carry (`traceId`/`trace_id`, `spanId`/`span_id`, or a `traceparent`). */
export function traceOf(fields: LogLine['fields']): {
  traceId: string | null;
  spanId: string | null;
} {
  const parent = TRACEPARENT.exec(stringField(fields, 'traceparent') ?? '');
  const traceId = stringField(fields, 'traceId', 'trace_id') ?? parent?.[1];
  const spanId = stringField(fields, 'spanId', 'span_id') ?? parent?.[2];
  return {
    traceId: traceId !== undefined && TRACE_ID.test(traceId) ? traceId : null,
    spanId: spanId !== undefined && SPAN_ID.test(spanId) ? spanId : null,
  };
}

/** As `MessageIdC`: 1-128 printable characters, no whitespace. */
const MESSAGE_ID = /^[\x21-\x7e]{1,128}$/;
const messageId = (value: string | undefined): string | undefined =>
  value !== undefined && MESSAGE_ID.test(value) ? value : undefined;

/**
 * The `LogRecord` message of a line, with its own `id`; its correlation and causation come from
 * the line's `correlationId` and `causationId` fields when they hold valid ids.
 */
export function toLogRecord(line: LogLine, id: string): LogRecord {
  return {
    id,
    type: 'LogRecord',
    occurredAt: line.time,
    causationId: messageId(stringField(line.fields, 'causationId')) ?? null,
    correlationId: messageId(stringField(line.fields, 'correlationId')) ?? id,
    data: {
      service: line.service,
      level: line.level,
      message: capText(line.msg, MAX_MESSAGE),
      ...traceOf(line.fields),
      fields: { ...line.fields },
    },
  };
}
