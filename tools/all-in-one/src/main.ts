#!/usr/bin/env node
/**
 * `npm start`: the whole engine in one process (see README.md). Ctrl-C (SIGINT) or SIGTERM
 * stops it cleanly; a second Ctrl-C forces the exit. A closed terminal (SIGHUP) or a pipe whose
 * reader is gone only turns the console off: trading continues (ADR 0033).
 */
import { openEngineConsole } from './engine-console.js';
import { ExchangeModeError } from './exchange-mode.js';
import { EngineLockedError } from './home-dir.js';
import { PortsSettingError } from './ports.js';
import { startEngine, type Engine } from './engine.js';
import { startTracingFromEnv, TracingConfigError, type Tracing } from '@hoga/telemetry';

/** A repeat of the stop signal sooner than this is the same request delivered twice. */
const REPEAT_MS = 1000;

const terminal = openEngineConsole();
let engine: Engine | undefined;
/** Traces of the whole engine as service `hoga` (HOGA_TRACING__OTLP_URL; ADR 0057). */
let tracing: Tracing | undefined;
let stopping: number | undefined;

const stopEngine = (running: Engine): void => {
  running
    .stop()
    .then(() => tracing?.shutdown())
    .then(
      () => {
        terminal.out.write('stopped cleanly\n');
        process.exit(0);
      },
      (error: unknown) => {
        terminal.err.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
};

const shutdown = (signal: string): void => {
  if (stopping !== undefined) {
    if (Date.now() - stopping < REPEAT_MS) return;
    terminal.err.write(`\n${signal} again: forcing exit\n`);
    process.exit(130);
  }
  stopping = Date.now();
  terminal.note(`\n${signal}: stopping (services, then emulator, bus, database)...`);
  // while starting, the start finishes first (everything it started is then stopped in order)
  if (engine) stopEngine(engine);
};

process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => terminal.hangUp(process.pid));

try {
  terminal.out.write('hoga all-in-one: starting...\n');
  tracing = startTracingFromEnv('hoga');
  engine = await startEngine(process.env, terminal);
  if (stopping !== undefined) stopEngine(engine);
} catch (error) {
  const message =
    error instanceof EngineLockedError ||
    error instanceof ExchangeModeError ||
    error instanceof PortsSettingError ||
    error instanceof TracingConfigError
      ? error.message
      : error instanceof Error && process.env.HOGA_DEBUG !== undefined
        ? String(error.stack)
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
  terminal.err.write(`hoga all-in-one failed to start: ${message}\n`);
  process.exit(1);
}
