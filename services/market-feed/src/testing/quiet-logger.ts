import { createLogger, memorySink, type Logger, type LogRecord } from '@hoga/telemetry';

/** A logger that keeps its records in memory (tests read them; nothing is printed). */
export function quietLogger(): Logger & { readonly records: LogRecord[] } {
  const sink = memorySink();
  return Object.assign(createLogger({ service: 'market-feed', level: 'debug', sinks: [sink] }), {
    records: sink.records,
  });
}
