import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Bus } from '@hoga/bus';
import type { Logger } from '@hoga/telemetry';
import { PrivateWsClient, UpbitClient, type BlockedEvent } from '@hoga/upbit';
import type { ExecutorConfig } from '../config.js';
import { openDatabase } from './db/database.js';
import { migrateExecutor } from './db/migrations.js';
import type { ExecutorTables } from './db/tables.js';

/** What `start()` may be given instead of connecting from the configuration. */
export interface InjectedConnections {
  /** Pool settings (the executor owns the pool) or a pool of the caller's. */
  readonly database?: pg.PoolConfig | pg.Pool;
  /** An Upbit REST client of the caller's (to share its rate limiter). */
  readonly upbitClient?: UpbitClient;
}

/** The executor's connections, opened and migrated. */
export interface Connections {
  readonly bus: Bus;
  readonly db: Kysely<ExecutorTables>;
  readonly upbit: UpbitClient;
  readonly privateWs: PrivateWsClient;
  /** Registers who hears of a 418 block (the alerting). */
  onBlocked(listener: (event: BlockedEvent) => void): void;
  /** Closes what was opened here (not what was injected, nor the bus). */
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL (and migrates the executor's tables), the Upbit REST client and the private
 * WebSocket client (not started), beside the bus the start opened (`@hoga/service-kit`) or was
 * given. The keys are read from the configuration once, handed to the clients and never logged.
 */
export async function openConnections(
  config: ExecutorConfig,
  injected: InjectedConnections & { readonly bus: Bus },
  logger: Logger,
  /** The `fetch` of the Upbit client made here (the metrics' timed one). */
  fetchFn?: typeof fetch,
): Promise<Connections> {
  const { accessKey, secretKey, baseUrl, wsUrl, timeoutMs } = config.upbit;
  const database = openDatabase(
    injected.database ?? { connectionString: config.database.url },
    (error) => logger.warn('idle database connection failed', { error }),
  );
  try {
    await migrateExecutor(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const listeners: ((event: BlockedEvent) => void)[] = [];
  const credentials = { accessKey, secretKey };
  const upbit =
    injected.upbitClient ??
    new UpbitClient({
      baseUrl,
      credentials,
      timeoutMs,
      onBlocked: (e) => listeners.forEach((l) => l(e)),
      ...(fetchFn ? { fetch: fetchFn } : {}),
    });
  const privateWs = new PrivateWsClient({
    credentials,
    url: wsUrl,
    backoff: { initialMs: config.upbit.wsBackoffInitialMs, maxMs: config.upbit.wsBackoffMaxMs },
    pingIntervalMs: config.upbit.wsPingIntervalMs,
    stallTimeoutMs: config.upbit.wsStallTimeoutMs,
  });
  return {
    bus: injected.bus,
    db: database.db,
    upbit,
    privateWs,
    onBlocked: (listener) => void listeners.push(listener),
    async close() {
      await privateWs.close();
      await database.close();
    },
  };
}
