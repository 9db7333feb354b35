import * as t from 'io-ts';
import { envelope } from './envelope.js';
import { JsonRecordC, refine, ServiceNameC, text, nullable } from './codec-helpers.js';

/** Log levels, least severe first. */
export const LogLevel = t.keyof(
  { trace: null, debug: null, info: null, warn: null, error: null, fatal: null },
  'LogLevel',
);
export type LogLevel = t.TypeOf<typeof LogLevel>;
/** Every log level, least severe first. */
export const LOG_LEVELS = Object.keys(LogLevel.keys) as readonly LogLevel[];

/** A W3C trace id (32 lowercase hex) or span id (16), as in `traceparent`. */
const hex = (length: number, name: string) =>
  refine(t.string, (s) => new RegExp(`^[0-9a-f]{${length}}$`).test(s), name);

/**
 * One structured log line, on `hoga.log.<service>.<level>` for the dashboard's log viewer. The
 * envelope's `occurredAt` is the log time. Secrets never go into `message` or `fields`.
 */
export const LogRecord = envelope(
  'LogRecord',
  t.strict({
    service: ServiceNameC,
    level: LogLevel,
    message: text(4000),
    traceId: nullable(hex(32, 'TraceId')),
    spanId: nullable(hex(16, 'SpanId')),
    /** Structured context (`positionId`, `market`, ...): any JSON object. */
    fields: JsonRecordC,
  }),
);
export type LogRecord = t.TypeOf<typeof LogRecord>;
