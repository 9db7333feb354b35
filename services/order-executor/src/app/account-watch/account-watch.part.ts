import { serveOps, type OpsHandlers, type OpsServer } from '@hoga/bus';
import { PostgresEventStore, type EventStoreTables } from '@hoga/event-store';
import type { Kysely } from 'kysely';
import type { Logger } from '@hoga/telemetry';
import type { Connections } from '../../adapters/connections.js';
import type { ExecutorParts } from '../executor-parts.js';
import { Periodic } from '../periodic.js';
import type { ExecutorConfig } from '../../config.js';
import { accountOps } from '../../handlers/account-ops.handlers.js';
import { AccountWatch } from './account-watch.js';
import { FindingsStream } from '../../adapters/account-watch/findings.stream.js';
import {
  hogaOrdersAmong,
  HoldingsRepository,
} from '../../adapters/account-watch/holdings.repository.js';
import { TradingStateRequester } from '../../adapters/account-watch/trading-state.requester.js';
import { UpbitOrdersReader } from '../../adapters/account-watch/upbit-orders.reader.js';

/**
 * The account watch of a running executor: the watch, its reconciliation loop and its operator
 * endpoints. Started after the start-up reconciliation (hoga's own orders are known by then).
 */
export class AccountWatchPart {
  readonly watch: AccountWatch;
  readonly #loop: Periodic;
  readonly #store: PostgresEventStore;
  #ops: OpsServer | undefined;

  constructor(
    config: ExecutorConfig,
    private readonly conn: Connections,
    parts: ExecutorParts,
    private readonly logger: Logger,
    clock: () => Date,
  ) {
    // The event store's tables live beside the executor's (same schema), queried through the
    // executor's Kysely instance and pool (a store given a Kysely instance never closes it). The
    // store only touches its own tables; Kysely's table typing is all the cast changes.
    const store = new PostgresEventStore(conn.db as unknown as Kysely<EventStoreTables>);
    this.#store = store;
    const { accountWatch: cfg } = config;
    this.watch = new AccountWatch({
      stream: new FindingsStream(store),
      orders: new UpbitOrdersReader(parts.upbitClient),
      hogaOrders: (orders) => hogaOrdersAmong(conn.db, orders),
      holdings: new HoldingsRepository(conn.db),
      // Fresh balances: a cached read from before a fill would look like a drift.
      balances: () => (parts.book.invalidate(), parts.book.balances()),
      alerts: parts.alerts,
      trading: new TradingStateRequester(conn.bus),
      policy: cfg.policy,
      closedWindowMs: cfg.closedWindowMs,
      clock,
      logger,
    });
    // The loop's first run is the start-up pass `start()` already made: it waits an interval.
    let first = true;
    const pass = (): Promise<void> => {
      if (!first) return this.watch.reconcile();
      first = false;
      return Promise.resolve();
    };
    this.#loop = new Periodic('account watch', cfg.intervalMs, pass, logger);
  }

  /**
   * Migrates the event store's tables, loads the findings, runs a first pass (the start-up report
   * of orders hoga did not place; a failure is logged and the loop tries again), serves
   * `hoga.ops.order-executor.*` (with the executor's `status`), then starts the loop (its next
   * pass one interval later).
   */
  async start(status: OpsHandlers<'order-executor'>['status']): Promise<void> {
    await this.#migrate();
    await this.watch.load();
    await this.watch
      .reconcile()
      .catch((error: unknown) => this.logger.warn('account watch failed', { error }));
    const handlers = { ...accountOps(this.watch), status };
    this.#ops = await serveOps(this.conn.bus, 'order-executor', handlers, {
      logger: this.logger,
    });
    this.#loop.start();
  }

  /**
   * The event store's migration reads the catalog of every schema: a schema dropped meanwhile
   * (tests, other tenants of the database) can fail it once; it is tried three times.
   */
  async #migrate(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#store.migrate();
      } catch (error) {
        if (attempt >= 3) throw error;
        this.logger.warn('event store migration failed: trying again', { attempt, error });
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /** Runs a pass now (a myOrder frame of an unknown order also reads that order at once). */
  wake(): void {
    this.#loop.wake();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
    await this.#ops?.stop();
    this.#ops = undefined;
  }
}
