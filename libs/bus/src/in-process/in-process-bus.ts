import { consoleJsonLogger, type BusLogger } from '../bus-logger.js';
import type { Bus, DeadLetterLimits } from '../bus.port.js';
import { TypedBus } from '../typed-bus.js';
import { InProcessBroker } from './in-process-broker.js';
import { InProcessTransport } from './in-process-transport.js';

export interface InProcessBusOptions {
  /** Prefix of every subject, stream and bucket (default none). */
  readonly namespace?: string;
  readonly logger?: BusLogger;
  /** The broker to join (several buses of one process share it); default: a broker of its own, closed with the bus. */
  readonly broker?: InProcessBroker;
  /** The bus's name (the service), recorded on the dead letters it keeps. */
  readonly name?: string;
  /** Overrides of the dead-letter store's limits (ADR 0034): the same as NATS's stream. */
  readonly deadLetters?: Partial<DeadLetterLimits>;
  /** Default request timeout (5 s). */
  readonly requestTimeoutMs?: number;
}

/**
 * The bus of the all-in-one mode: NATS semantics in memory (wildcards, queue groups,
 * request/reply, streams with dedup and durable consumers, key-value buckets). Messages are still
 * encoded to JSON and decoded on receipt, so handlers see exactly what NATS would give them.
 */
export function createInProcessBus(options: InProcessBusOptions = {}): Bus {
  const transport = new InProcessTransport(
    options.broker ?? new InProcessBroker(),
    options.broker === undefined,
  );
  return new TypedBus(transport, {
    namespace: options.namespace ?? '',
    logger: options.logger ?? consoleJsonLogger,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.deadLetters !== undefined ? { deadLetters: options.deadLetters } : {}),
    ...(options.requestTimeoutMs !== undefined
      ? { requestTimeoutMs: options.requestTimeoutMs }
      : {}),
  });
}
