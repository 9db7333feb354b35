import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { BusTransportError, BusUsageError, messageOf } from '../bus.errors.js';
import type { WireStream } from '../namespace.js';
import type { WireConsumer } from '../transport.port.js';

/** JetStream API error codes the bus reacts to. */
const ApiCode = {
  streamNameInUse: 10058,
  subjectsOverlap: 10065,
  consumerExists: 10148,
  /** Configuration mistakes: retention change, wrong stream, overlapping subjects, filter outside the stream, work-queue clash. */
  usage: new Set([10052, 10060, 10065, 10093, 10099, 10100]),
} as const;

const streamConfig = (s: WireStream): StreamConfig =>
  ({
    name: s.name,
    subjects: [...s.subjects],
    retention: s.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(s.duplicateWindowMs),
    max_age: nanos(s.maxAgeMs),
    max_msgs: s.maxMsgs ?? -1,
    max_bytes: s.maxBytes ?? -1,
    discard: DiscardPolicy.Old,
  }) as StreamConfig;

/**
 * Creates the stream, or updates it to this configuration when it exists with another one. Two
 * processes creating the same stream at once (services starting together) can make the server
 * answer the later one "subjects overlap with an existing stream" — the overlap being the stream
 * the other just created under this very name: that is treated as the name in use.
 */
export async function ensureStream(jsm: JetStreamManager, stream: WireStream): Promise<void> {
  const config = streamConfig(stream);
  try {
    await jsm.streams.add(config);
  } catch (error) {
    const inUse =
      error instanceof JetStreamApiError &&
      (error.code === ApiCode.streamNameInUse ||
        (error.code === ApiCode.subjectsOverlap && (await exists(jsm, stream.name))));
    if (!inUse) throw apiFailure(`creating stream ${stream.name}`, error);
    try {
      await jsm.streams.update(stream.name, config);
    } catch (updateError) {
      throw apiFailure(`updating stream ${stream.name}`, updateError);
    }
  }
}

/** Whether a stream of this name exists (a failed lookup counts as no). */
async function exists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the durable pull consumer or updates it. NATS 2.9 creates-or-updates on create;
 * 2.10+ answers "consumer already exists" for a changed configuration, then it is updated.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  streamName: string,
  c: WireConsumer,
): Promise<void> {
  const config = {
    durable_name: c.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(c.ackWaitMs),
    max_deliver: c.maxDeliver,
    filter_subject: c.filterSubject,
  };
  try {
    await jsm.consumers.add(streamName, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === ApiCode.consumerExists))
      throw apiFailure(`creating consumer ${c.durable}`, error);
    try {
      await jsm.consumers.update(streamName, c.durable, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        filter_subject: config.filter_subject,
      });
    } catch (updateError) {
      throw apiFailure(`updating consumer ${c.durable}`, updateError);
    }
  }
}

/** A JetStream API failure as a bus error: a configuration mistake is a `BusUsageError`. */
export function apiFailure(what: string, error: unknown): Error {
  const message = `${what}: ${messageOf(error)}`;
  if (error instanceof JetStreamApiError && ApiCode.usage.has(error.code))
    return new BusUsageError(message, { cause: error });
  return new BusTransportError(message, { cause: error });
}
