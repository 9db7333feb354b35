import type { Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import {
  channelsFromConfig,
  migrateNotify,
  Notifier,
  PostgresAlertOutbox,
  type NotifyConfig,
  type NotifyTables,
  type RetryPolicy,
} from '@hoga/notify';
import type { Logger } from '@hoga/telemetry';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { alertHandler } from '../../handlers/alert.handler.js';

/** The durable consumer of `hoga.alert.*` (every instance shares it: work queue). */
export const ALERT_CONSUMER = 'risk-guard-notifier';

/** Where and how alerts go out. */
export interface NotifierSettings {
  /** Telegram chats and/or the webhook (see `NotifySettings` for the environment). */
  readonly config: NotifyConfig;
  /** The PostgreSQL of the alert outbox (a pool of 2 is made from it and closed on stop). */
  readonly database: pg.PoolConfig;
  /** Delivery retries (default 1 s doubling to 5 min). */
  readonly retry?: RetryPolicy;
  /** Longest idle sleep of the delivery loop (default 5 s). */
  readonly idlePollMs?: number;
  /** Alerts older than this when consumed are not delivered (default 24 h). */
  readonly maxAlertAgeMs?: number;
}

/** A running alert notifier. */
export interface AlertNotifier {
  readonly notifier: Notifier;
  /** Alerts in the outbox not delivered yet (every channel's row counts; ADR 0056's depth). */
  undelivered(): Promise<number>;
  /** Stops consuming, then the delivery loop, then closes its pool. */
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Consumes `hoga.alert.*` durably into `@hoga/notify`'s PostgreSQL alert outbox and runs its
 * delivery loop (Telegram, webhook). Nothing here is on the trading path: a channel that is down
 * only delays delivery (ADR 0015).
 */
export async function startAlertNotifier(deps: {
  readonly bus: Bus;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly settings: NotifierSettings;
}): Promise<AlertNotifier> {
  const { bus, logger, settings } = deps;
  const pool = new pg.Pool({ max: 2, ...settings.database });
  const db = new Kysely<NotifyTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateNotify(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const notifier = new Notifier({
    outbox: new PostgresAlertOutbox(db, settings.config.dedupWindowMs),
    channels: channelsFromConfig(settings.config),
    logger,
    ...(settings.retry ? { retry: settings.retry } : {}),
    ...(settings.idlePollMs !== undefined ? { idlePollMs: settings.idlePollMs } : {}),
  });
  notifier.start();
  const handler = alertHandler({
    notifier,
    logger,
    now: deps.now,
    maxAgeMs: settings.maxAlertAgeMs ?? DAY_MS,
    retryMs: 5000,
  });
  const consumer = await bus
    .consume(
      subjects.alert('*'),
      { durable: ALERT_CONSUMER, ackWaitMs: 30_000, maxDeliver: 10_000 },
      handler,
    )
    .catch(async (error: unknown) => {
      await notifier.stop();
      await db.destroy();
      throw error;
    });
  return {
    notifier,
    async undelivered() {
      const row = await db
        .selectFrom('alert_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('sent_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async stop() {
      await consumer.unsubscribe();
      await notifier.stop();
      await db.destroy();
    },
  };
}
