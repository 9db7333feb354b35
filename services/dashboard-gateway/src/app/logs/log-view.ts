import { LogRecord } from '@hoga/contracts';

/** One log line as the dashboard gets it (history and live). */
export interface LogLineView {
  readonly id: string;
  readonly time: string;
  readonly service: string;
  readonly level: string;
  readonly message: string;
  readonly traceId: string | null;
  readonly spanId: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The view of a `LogRecord` (encoded: plain JSON). */
export function logLineView(record: LogRecord): LogLineView {
  const encoded = LogRecord.encode(record);
  const { service, level, message, traceId, spanId, fields } = encoded.data;
  return {
    id: encoded.id,
    time: encoded.occurredAt,
    service,
    level,
    message,
    traceId,
    spanId,
    fields,
  };
}
