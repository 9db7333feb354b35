import type { BusLogger } from '../bus-logger.js';

/** One recorded log line. */
export interface LogLine {
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A logger that keeps its lines, for tests that check what was logged. */
export interface RecordingLogger extends BusLogger {
  readonly lines: LogLine[];
}

export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  return { lines, warn: (message, fields) => void lines.push({ message, fields }) };
}
