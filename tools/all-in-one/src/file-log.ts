import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { BusLogger } from '@hoga/bus';
import { createLogger, jsonLineSink, type Logger } from '@hoga/telemetry';

/** The engine's log: JSON lines in `<logs>/engine.log`, one logger per service. */
export interface EngineLog {
  readonly path: string;
  for(service: string): Logger;
  bus(service: string): BusLogger;
  close(): Promise<void>;
}

/** Opens `<dir>/engine.log` for appending. */
export function openEngineLog(dir: string, level: 'debug' | 'info' = 'info'): EngineLog {
  const path = join(dir, 'engine.log');
  const file = createWriteStream(path, { flags: 'a' });
  file.on('error', () => undefined);
  const sink = jsonLineSink((line) => void file.write(line));
  const forService = (service: string) => createLogger({ service, level, sinks: [sink] });
  return {
    path,
    for: forService,
    bus: (service) => {
      const logger = forService(service).child({ component: 'bus' });
      return { warn: (message, fields) => logger.warn(message, fields) };
    },
    close: () => new Promise((resolve) => file.end(() => resolve())),
  };
}
