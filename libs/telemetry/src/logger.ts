import { capText } from '@hoga/model';
import { boundFields, MAX_LOG_STRING } from './bounded-fields.js';
import { guardedStdout } from './stream-guard.js';
import { activeTraceIds } from './tracing/spans.js';

/** Log levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Readonly<Record<string, unknown>>;

/** One structured log record. */
export interface LogRecord {
  readonly time: string;
  readonly level: LogLevel;
  readonly service: string;
  readonly msg: string;
  readonly fields: LogFields;
}

/** A structured logger. Fields are JSON; secrets must never be passed in. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record. */
  child(fields: LogFields): Logger;
}

/** Where records go (stdout, the bus, a test recorder). A sink never throws. */
export type LogSink = (record: LogRecord) => void;

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LogLevel;
  readonly sinks: readonly LogSink[];
  /** The clock (injectable for tests). */
  readonly now?: () => Date;
}

const rank = (l: LogLevel): number => LOG_LEVELS.indexOf(l);

/**
 * Errors become `{ name, message }` (no stack, no cause chain dump); everything is bounded
 * (`boundFields`): one record never carries more than a few KB, whatever it was given.
 */
const normalize = (fields: LogFields): LogFields => boundFields(fields);

/** The active span's ids as log fields (`trace_id`, `span_id`), when in a span (ADR 0057). */
const traceFields = (): LogFields => {
  const ids = activeTraceIds();
  return ids === undefined ? {} : { trace_id: ids.traceId, span_id: ids.spanId };
};

/** Creates a logger writing to every sink at or above `level` (default `info`). */
export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const min = rank(options.level ?? 'info');
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (rank(level) < min) return;
    const record: LogRecord = {
      time: now().toISOString(),
      level,
      service: options.service,
      msg: capText(msg, MAX_LOG_STRING),
      fields: normalize({ ...bound, ...fields, ...traceFields() }),
    };
    for (const sink of options.sinks) {
      try {
        sink(record);
      } catch {
        // a failing sink must never break the caller
      }
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** A sink printing one JSON line per record to a stream (stdout by default, guarded: ADR 0033). */
export const jsonLineSink =
  (write: (line: string) => void = (l) => guardedStdout().write(l)): LogSink =>
  (r) =>
    write(
      `${JSON.stringify({ time: r.time, level: r.level, service: r.service, msg: r.msg, ...r.fields })}\n`,
    );

/** A sink that keeps records in memory (tests). */
export function memorySink(): LogSink & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  const sink = ((r: LogRecord) => void records.push(r)) as LogSink & { records: LogRecord[] };
  sink.records = records;
  return sink;
}
