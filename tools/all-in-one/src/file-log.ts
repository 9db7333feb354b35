import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import {
  createBusLogSink,
  type Bus,
  type BusLogger,
  type BusLogSinkStats,
  type LogStreamLimits,
} from '@hoga/bus';
import { createLogger, jsonLineSink, type Logger } from '@hoga/telemetry';

/** The engine's log: JSON lines in `<logs>/engine.log`, one logger per service. */
export interface EngineLog {
  readonly path: string;
  for(service: string): Logger;
  bus(service: string): BusLogger;
  /**
   * From now on every service's lines also go on the bus (`hoga.log.<service>.<level>`, kept by
   * the LOGS stream: ADR 0042), those logged so far first, never blocking a logger.
   */
  publishTo(bus: Bus, limits?: Partial<LogStreamLimits>): Promise<void>;
  /** Stops publishing on the bus (before the bus closes); the file goes on. */
  stopPublishing(): Promise<void>;
  /** What the bus log sink queued, published and dropped. */
  publishing(): BusLogSinkStats;
  close(): Promise<void>;
}

/** Opens `<dir>/engine.log` for appending. */
export function openEngineLog(dir: string, level: 'debug' | 'info' = 'info'): EngineLog {
  const path = join(dir, 'engine.log');
  const file = createWriteStream(path, { flags: 'a' });
  file.on('error', () => undefined);
  const sink = jsonLineSink((line) => void file.write(line));
  const toBus = createBusLogSink({ service: 'all-in-one', report: sink });
  const forService = (service: string) =>
    createLogger({ service, level, sinks: [sink, toBus.write] });
  return {
    path,
    for: forService,
    bus: (service) => {
      const logger = forService(service).child({ component: 'bus' });
      return { warn: (message, fields) => logger.warn(message, fields) };
    },
    publishTo: (bus, limits) => toBus.attach(bus, limits),
    stopPublishing: () => toBus.detach(),
    publishing: () => toBus.stats(),
    close: async () => {
      await toBus.detach();
      await new Promise<void>((resolve) => file.end(() => resolve()));
    },
  };
}
