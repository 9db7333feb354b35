export type * from './bus.port.js';
export * from './bus.errors.js';
export { consoleJsonLogger, type BusLogger } from './bus-logger.js';
export { deadLetterSubject, isDeadLetterSubject, DeadLetterHeader } from './dead-letter.js';
export {
  deadLetterLimits,
  MAX_DEAD_LETTER_QUERY,
  MAX_DEAD_LETTER_SCAN,
} from './dead-letter-store.js';
export { MAX_MESSAGE_BYTES } from './message-codec.js';
export { ErrorReplyHeader } from './bus-headers.js';
export { ReplyErrorCode } from './reply-handler.js';
export { retryDelayMs } from './durable-delivery.js';
export {
  TRACEPARENT,
  TRACESTATE,
  parseTraceparent,
  isValidTraceparent,
  createTraceparent,
  type TraceParent,
} from './trace-context.js';
export { connectNatsBus, type NatsBusOptions } from './nats/nats-bus.js';
export { removeNatsNamespace } from './nats/nats-namespace-cleanup.js';
export { pingBus } from './nats/bus-ping.js';
export { consumerBacklogs, deleteConsumer, type ConsumerBacklog } from './nats/consumer-backlog.js';
export { createInProcessBus, type InProcessBusOptions } from './in-process/in-process-bus.js';
export { InProcessBroker, createInProcessBroker } from './in-process/in-process-broker.js';
export type { ConsumerState } from './in-process/in-process-consumer.js';
export { subjectMatches } from './in-process/subject-match.js';
export * from './ops/index.js';
export type { LogLine } from './logs/log-line.js';
export { traceOf, toLogRecord } from './logs/log-line.js';
export { logStreamLimits, logStreamSpec, type LogStreamLimits } from './logs/log-stream.js';
export {
  createBusLogSink,
  type BusLogSink,
  type BusLogSinkOptions,
  type BusLogSinkStats,
  type SinkReport,
} from './logs/bus-log-sink.js';
export { MAX_STREAM_READ, MAX_STREAM_SCAN } from './stream-reader.js';
export {
  BusOutboxPublisher,
  UnroutableOutboxMessageError,
  type BusOutboxPublisherOptions,
  type SendAround,
  type StoredOutboxMessage,
} from './outbox/bus-outbox-publisher.js';
