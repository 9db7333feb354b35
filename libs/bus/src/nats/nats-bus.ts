import { connect, type NatsConnection } from '@nats-io/transport-node';
import { consoleJsonLogger, type BusLogger } from '../bus-logger.js';
import { BusTransportError, messageOf } from '../bus.errors.js';
import type { Bus, DeadLetterLimits } from '../bus.port.js';
import { registerNatsOpsAccess } from '../ops/nats-ops-access.js';
import { TypedBus } from '../typed-bus.js';
import { NatsTransport } from './nats-transport.js';
import { serverCredentials } from './nats-url-credentials.js';

export interface NatsBusOptions {
  /** One or more `nats://host:port` URLs; `nats://user:password@host:port` also logs in. */
  readonly servers: string | readonly string[];
  /** Prefix of every subject, stream and bucket (default none). */
  readonly namespace?: string;
  /** Connection name, shown by the server (`nats server report connections`). */
  readonly name?: string;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  readonly logger?: BusLogger;
  /** Default request timeout (5 s). */
  readonly requestTimeoutMs?: number;
  /** Overrides of the dead-letter stream's limits (ADR 0034; `deadLetterLimitsFromEnv`). */
  readonly deadLetters?: Partial<DeadLetterLimits>;
  /** Wait between reconnect attempts (default 500 ms); reconnection never gives up. */
  readonly reconnectWaitMs?: number;
}

/** Logs disconnections and reconnections until the connection closes. */
function watchStatus(nc: NatsConnection, logger: BusLogger): void {
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect')
        logger.warn(`bus: nats ${status.type}`, { server: status.server });
      else if (status.type === 'error')
        logger.warn('bus: nats error', { error: messageOf(status.error) });
    }
  })().catch(() => undefined);
}

/**
 * Connects the NATS bus: core NATS for publish/subscribe and request/reply, JetStream streams and
 * durable pull consumers (created or updated idempotently), KV buckets. Rejects with
 * `BusTransportError` when the server cannot be reached or has no JetStream.
 */
export async function connectNatsBus(options: NatsBusOptions): Promise<Bus> {
  const logger = options.logger ?? consoleJsonLogger;
  let nc: NatsConnection;
  try {
    const fromUrl = serverCredentials(options.servers);
    const user = options.user ?? fromUrl.user;
    nc = await connect({
      servers: fromUrl.servers,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(user !== undefined ? { user, pass: options.pass ?? fromUrl.pass ?? '' } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs ?? 500,
    });
  } catch (error) {
    throw new BusTransportError(`cannot connect to NATS: ${messageOf(error)}`, { cause: error });
  }
  watchStatus(nc, logger);
  try {
    const transport = await NatsTransport.open(nc, logger);
    const namespace = options.namespace ?? '';
    const bus = new TypedBus(transport, {
      namespace,
      logger,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.deadLetters !== undefined ? { deadLetters: options.deadLetters } : {}),
      ...(options.requestTimeoutMs !== undefined
        ? { requestTimeoutMs: options.requestTimeoutMs }
        : {}),
    });
    registerNatsOpsAccess(bus, { nc, namespace });
    return bus;
  } catch (error) {
    await nc.close();
    throw error;
  }
}
