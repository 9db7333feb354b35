import type { DurablePublishAck, Headers } from '../bus.port.js';
import { copyBytes } from '../bytes.js';
import type { WireStream } from '../namespace.js';
import type {
  LocalValue,
  Payload,
  RawDurableMessage,
  RawKv,
  RawMessage,
  RawRequest,
  RawStoredMessage,
  RawStreamState,
  RawSubscription,
  Transport,
  WireConsumer,
} from '../transport.port.js';
import type { InProcessBroker } from './in-process-broker.js';

/** One bus's connection to an in-process broker. */
export class InProcessTransport implements Transport {
  constructor(
    private readonly broker: InProcessBroker,
    private readonly ownsBroker: boolean,
  ) {}

  async publish(
    subject: string,
    data: Payload,
    headers: Headers,
    local?: LocalValue,
  ): Promise<void> {
    // Bytes made on demand are the receivers' own; bytes handed over are copied.
    this.broker.publish(
      subject,
      typeof data === 'function' ? data : copyBytes(data),
      headers,
      undefined,
      local,
    );
  }

  async subscribe(
    subject: string,
    queue: string | undefined,
    onMessage: (message: RawRequest) => void,
  ): Promise<RawSubscription> {
    const remove = this.broker.subscribe(subject, queue, onMessage);
    return { unsubscribe: async () => remove() };
  }

  async request(
    subject: string,
    data: Uint8Array,
    headers: Headers,
    timeoutMs: number,
  ): Promise<RawMessage> {
    return this.broker.request(subject, copyBytes(data), headers, timeoutMs);
  }

  async ensureStream(stream: WireStream): Promise<void> {
    this.broker.ensureStream(stream);
  }

  async publishDurable(
    stream: WireStream,
    subject: string,
    data: Uint8Array,
    headers: Headers,
    msgId: string,
  ): Promise<DurablePublishAck> {
    this.broker.ensureStream(stream);
    return this.broker.publishDurable(stream.name, subject, copyBytes(data), headers, msgId);
  }

  async consume(
    stream: WireStream,
    consumer: WireConsumer,
    handle: (message: RawDurableMessage) => Promise<void>,
    maxInFlight: number,
  ): Promise<RawSubscription> {
    return this.broker.ensureStream(stream).consumer(consumer).attach(handle, maxInFlight);
  }

  async kv(bucket: string, history: number): Promise<RawKv> {
    return this.broker.kv(bucket, history);
  }

  async streamState(stream: WireStream): Promise<RawStreamState> {
    return this.broker.ensureStream(stream).state();
  }

  async storedMessage(stream: WireStream, sequence: number): Promise<RawStoredMessage | undefined> {
    const m = this.broker.ensureStream(stream).get(sequence);
    if (m === undefined) return undefined;
    return {
      subject: m.subject,
      data: copyBytes(m.data),
      headers: m.headers,
      sequence: m.sequence,
      storedAt: new Date(m.storedAt).toISOString(),
    };
  }

  async close(): Promise<void> {
    if (this.ownsBroker) this.broker.close();
  }
}
