#!/usr/bin/env node
/**
 * `npm start`: the whole engine in one process (see README.md). Ctrl-C (SIGINT) or SIGTERM
 * stops it cleanly; a second Ctrl-C forces the exit.
 */
import { ExchangeModeError } from './exchange-mode.js';
import { EngineLockedError } from './home-dir.js';
import { startEngine, type Engine } from './engine.js';

let engine: Engine | undefined;
let stopping = false;

const shutdown = (signal: string): void => {
  if (stopping) {
    process.stderr.write(`\n${signal} again: forcing exit\n`);
    process.exit(130);
  }
  stopping = true;
  process.stdout.write(`\n${signal}: stopping (services, then emulator, bus, database)...\n`);
  const done = engine?.stop() ?? Promise.resolve();
  done.then(
    () => {
      process.stdout.write('stopped cleanly\n');
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};

process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => shutdown('SIGHUP'));

try {
  process.stdout.write('hoga all-in-one: starting...\n');
  engine = await startEngine(process.env);
  if (stopping) shutdown('SIGINT');
} catch (error) {
  const message =
    error instanceof EngineLockedError || error instanceof ExchangeModeError
      ? error.message
      : error instanceof Error && process.env.HOGA_DEBUG !== undefined
        ? String(error.stack)
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
  process.stderr.write(`hoga all-in-one failed to start: ${message}\n`);
  process.exit(1);
}
