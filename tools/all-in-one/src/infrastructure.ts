import type { Logger } from '@hoga/telemetry';
import { startEmbeddedDatabase } from './embedded-database.js';
import type { HogaHome } from './home-dir.js';
import { findNatsServer, startNatsChild } from './nats-child.js';
import { PREFERRED_PORTS, anyFreePort, portChoiceOf, portForChild } from './ports.js';
import type { Teardown } from './teardown.js';

/** PostgreSQL and the bus server the engine runs on, and how they were chosen. */
export interface Infrastructure {
  readonly databaseUrl: string;
  readonly databaseNote: string;
  readonly natsUrl: string | null;
  readonly natsNote: string;
  readonly ports: { readonly postgres: number | null; readonly nats: number | null };
}

/** `DATABASE_URL`, else the embedded PostgreSQL on `<home>/pg`. */
async function database(env: NodeJS.ProcessEnv, home: HogaHome, logger: Logger, down: Teardown) {
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '')
    return { databaseUrl: url, databaseNote: 'DATABASE_URL', port: null };
  const db = await startEmbeddedDatabase(
    home,
    await portForChild(portChoiceOf(env), PREFERRED_PORTS.postgres),
    logger,
  ).catch(async (error: unknown) => {
    // another process took the port between the check and the bind: once more on any port
    if (!String(error).includes('Address already in use')) throw error;
    logger.warn('PostgreSQL port taken meanwhile; retrying on another port');
    return startEmbeddedDatabase(home, await anyFreePort(), logger);
  });
  down.add('postgres', () => db.stop());
  return {
    databaseUrl: db.url,
    databaseNote: `embedded PostgreSQL 18, data ${home.pg}`,
    port: db.port,
  };
}

/** `NATS_URL`, else a child `nats-server` when installed, else none (the in-process bus). */
async function nats(env: NodeJS.ProcessEnv, home: HogaHome, logger: Logger, down: Teardown) {
  const url = env['NATS_URL'];
  if (url !== undefined && url !== '') return { natsUrl: url, natsNote: 'NATS_URL', port: null };
  const binary = findNatsServer(env);
  if (binary === undefined)
    return {
      natsUrl: null,
      natsNote:
        'in-process bus (nats-server not found). The `hoga` and `nats` CLIs cannot reach it: ' +
        'install nats-server (apt-get install nats-server) or set NATS_URL, then restart.',
      port: null,
    };
  const port = await portForChild(portChoiceOf(env), PREFERRED_PORTS.nats);
  const child = await startNatsChild(binary, port, home.nats, (line) =>
    logger.info('nats-server', { line }),
  );
  down.add('nats-server', () => child.stop());
  return { natsUrl: child.url, natsNote: `nats-server -js (${binary}), store ${home.nats}`, port };
}

/** Starts (or finds) PostgreSQL and NATS; what it started is registered on `down`. */
export async function startInfrastructure(
  env: NodeJS.ProcessEnv,
  home: HogaHome,
  logger: Logger,
  down: Teardown,
): Promise<Infrastructure> {
  const db = await database(env, home, logger, down);
  const bus = await nats(env, home, logger, down);
  return {
    databaseUrl: db.databaseUrl,
    databaseNote: db.databaseNote,
    natsUrl: bus.natsUrl,
    natsNote: bus.natsNote,
    ports: { postgres: db.port, nats: bus.port },
  };
}
