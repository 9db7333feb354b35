/**
 * `@hoga/order-executor`: order commands -> Upbit, exactly once; fills -> order events; the
 * `orders`, `trades` and `order_events` tables. See the README for the protocol.
 */
export {
  start,
  type ExecutorStartOptions,
  type ExecutorConnections,
  type RunningExecutor,
} from './service.js';
export {
  ExecutorConfigC,
  EXECUTOR_DEFAULTS,
  ExecutorConfigError,
  loadExecutorConfig,
  type ExecutorConfig,
} from './config.js';
export type { InjectedConnections } from './adapters/connections.js';
export { migrateExecutor, executorMigrations } from './adapters/db/migrations.js';
export type {
  ExecutorTables,
  OrdersTable,
  TradesTable,
  OrderEventsTable,
} from './adapters/db/tables.js';
export type { OrderState, OrderRecord, Trade } from './domain/order-record.js';
export { orderEventId } from './domain/event-ids.js';
export { COMMAND_CONSUMER } from './app/executor.js';
