import type { Logger } from '@hoga/telemetry';
import { Alerts } from '../adapters/bus/alerts.js';
import { TradingStateReader } from '../adapters/bus/trading-state.reader.js';
import type { Connections } from '../adapters/connections.js';
import { OrderTransactions } from '../adapters/db/order-transactions.js';
import { OrdersRepository } from '../adapters/db/orders.repository.js';
import { RiskInputsRepository } from '../adapters/db/risk-inputs.repository.js';
import { AccountBook } from '../adapters/upbit/account-book.js';
import { OrderLists } from '../adapters/upbit/order-lists.js';
import { guardedClient } from '../adapters/upbit/access-guard.js';
import { UpbitGateway } from '../adapters/upbit/upbit-gateway.js';
import type { ExecutorConfig } from '../config.js';
import type { AccessState } from '../domain/exchange-access.js';
import { AccessMonitor } from './access-monitor.js';
import { AccountPublisher } from './account-publisher.js';
import { BackgroundTasks } from './background.js';
import { CancelOrders } from './cancel-orders.js';
import { CancelRecorder } from './cancel-recorder.js';
import { KeyedMutex } from './keyed-mutex.js';
import { LookupRecorder } from './lookup-recorder.js';
import { OrderRecorder } from './order-recorder.js';
import { OrderResolver } from './order-resolver.js';
import { OrderSync } from './order-sync.js';
import { PlaceOrders } from './place-orders.js';
import { PreTradeGate } from './pre-trade-gate.js';
import { Reconciler } from './reconciler.js';
import { StuckSends } from './stuck-sends.js';

/** The executor's collaborators, built once from its connections. */
export type ExecutorParts = ReturnType<typeof buildParts>;

/**
 * Loops the parts wake: the outbox relay (events written), the resolver (an order unknown), and
 * what follows restored access to Upbit (held exits, the private socket, a sync).
 */
export interface Wakers {
  readonly relay: () => void;
  readonly resolver: () => void;
  readonly accessRestored: () => void;
  readonly accessLost: (state: AccessState) => void;
}

/** Builds the executor's collaborators. */
export function buildParts(
  config: ExecutorConfig,
  conn: Connections,
  logger: Logger,
  clock: () => Date,
  wake: Wakers,
) {
  const { executor: ex } = config;
  const feeRate = ex.feeRate;
  const orders = new OrdersRepository(conn.db);
  const partitions = config.positionActor.partitions;
  const transactions = new OrderTransactions(conn.db, clock, wake.relay, partitions);
  const recorder = new OrderRecorder(transactions, feeRate, logger);
  const cancels = new CancelRecorder(transactions);
  const access: AccessMonitor = new AccessMonitor({
    ...{ bus: conn.bus, logger, clock, onRestored: wake.accessRestored, onLost: wake.accessLost },
    alerts: new Alerts(conn.bus, logger, clock),
    policy: { firstCheckMs: ex.accessFirstCheckMs, maxCheckMs: ex.accessMaxCheckMs },
    publishEveryMs: ex.accountPublishIntervalMs,
    check: (kind) => upbit.checkAccess(kind),
  });
  const upbit = new UpbitGateway(conn.upbit, access);
  /** The client for the executor's other readers: through the access guard too. */
  const upbitClient = guardedClient(conn.upbit, access);
  const mutex = new KeyedMutex();
  /** Entries pass the pre-trade gate and the send one at a time (they share the KRW balance). */
  const entryLane = new KeyedMutex();
  /** Commands of one order, in stream order (the consumer runs several commands at once). */
  const commandOrder = new KeyedMutex();
  const tasks = new BackgroundTasks(logger);
  const alerts = new Alerts(conn.bus, logger, clock);
  const book = new AccountBook(upbit, ex.balanceTtlMs, clock);
  const account = new AccountPublisher(conn.bus, book, clock, logger);
  const onFills = () => account.changed();
  const sync = new OrderSync({
    ...{ orders, recorder, cancels, upbit, mutex, tasks, logger, clock, onFills },
    cancelRetryMs: ex.pollIntervalMs * 2,
  });
  const resolver = new OrderResolver({
    ...{ orders, recorder, upbit, mutex, alerts, logger, clock },
    lookups: new LookupRecorder(transactions),
    lists: new OrderLists(upbitClient),
    rule: {
      afterMs: ex.absenceAfterMs,
      lookups: ex.absenceLookups,
      windowMarginMs: ex.absenceWindowMarginMs,
    },
    lookupIntervalMs: ex.lookupIntervalMs,
    alertAfterMs: ex.unknownAlertAfterMs,
    onAdopted: (orderId) => (sync.soon(orderId), onFills()),
  });
  const gate = new PreTradeGate(
    new TradingStateReader(conn.bus, logger),
    book,
    new RiskInputsRepository(conn.db),
    feeRate,
    config.limits,
    () => (access.state.status === 'ok' ? 'ok' : access.state.problem),
  );
  const place = new PlaceOrders({
    ...{ orders, recorder, upbit, gate, mutex, entryLane, alerts, logger, clock, access },
    maxEntryAgeMs: ex.maxEntryAgeMs,
    onUnknown: wake.resolver,
    onOpen: (orderId) => (sync.soon(orderId), onFills()),
  });
  return {
    ...{ orders, recorder, upbit, mutex, tasks, alerts, book, account, sync, resolver, feeRate },
    access,
    upbitClient,
    commandOrder,
    place,
    stuckSends: new StuckSends({
      ...{ orders, transactions, place, tasks, alerts, logger, clock },
      idleMs: ex.ackWaitMs,
      alertAfterMs: ex.unknownAlertAfterMs,
    }),
    cancel: new CancelOrders(orders, cancels, sync, mutex, logger),
    reconciler: new Reconciler({ orders, recorder, upbit, resolver, sync, mutex, alerts, logger }),
  };
}
