export * from './event-store.port.js';
export { checkpointOf, compareCheckpoints } from './checkpoint.js';
export {
  decodeStoredEvent,
  newEventOf,
  storedEnvelope,
  type EnvelopeDecoder,
  type StoredEnvelope,
} from './stored-envelope.js';
export { VersionConflictError, isVersionConflictError } from './errors/version-conflict.error.js';
export {
  DuplicateOutboxIdError,
  isDuplicateOutboxIdError,
} from './errors/duplicate-outbox-id.error.js';
export { CorruptRowError, isCorruptRowError } from './errors/corrupt-row.error.js';
export {
  againstHead,
  canonicalJson,
  chainLink,
  ChainWalk,
  contentHash,
  verifyChain,
  type ChainBreak,
  type ChainedContent,
  type ChainedEvent,
  type ChainHead,
  type ChainVerdict,
} from './hash-chain.js';
export { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
export { PostgresEventStore } from './postgres/postgres-event-store.js';
export type { PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export {
  scanStreams,
  type ScanConnection,
  type StreamScanFilter,
  type StreamScanOptions,
} from './postgres/stream-scan.query.js';
export { migrate, eventStoreMigrations, EventStoreMigrationError } from './postgres/migrations.js';
export { migrateInCurrentSchema } from './postgres/migrate-in-schema.js';
export { inTransaction } from './postgres/in-transaction.js';
export type { SchemaMigrations } from './postgres/migrate-in-schema.js';
export type { EventStoreTables } from './postgres/tables.js';
export { OutboxRelay } from './outbox/outbox-relay.js';
export type {
  OutboxPublisher,
  OutboxRelayOptions,
  OutboxStore,
  RelayPassResult,
} from './outbox/outbox-relay.js';
