import type { LivePublisher } from './live-publisher.port.js';

/** One change on a live channel, numbered in the gateway's single sequence. */
export interface LiveDelta {
  readonly seq: number;
  readonly channel: string;
  readonly key: string;
  readonly data: unknown;
}

/** A connected live client as the hub counts it. */
export interface CountedClient {
  /** Bytes waiting for this client (in the gateway and in its socket buffer). */
  queuedBytes(): number;
}

/** The live clients now, what they have queued, and how many were dropped since the start. */
export interface LiveClientStats {
  readonly clients: number;
  readonly queuedBytes: number;
  readonly droppedClients: number;
}

/**
 * The gateway's live state as one numbered sequence of deltas: every publish gets the next
 * sequence number and is handed to the listeners (the WebSocket clients) in order; the last
 * `backlog` deltas are kept so a reconnecting client can resume from its last sequence.
 */
export class LiveHub implements LivePublisher {
  #seq = 0;
  readonly #backlog: LiveDelta[] = [];
  readonly #listeners = new Set<(delta: LiveDelta) => void>();
  readonly #clients = new Set<CountedClient>();
  #dropped = 0;

  constructor(private readonly backlog: number) {}

  publish(channel: string, key: string, data: unknown): void {
    const delta: LiveDelta = { seq: ++this.#seq, channel, key, data };
    this.#backlog.push(delta);
    if (this.#backlog.length > this.backlog)
      this.#backlog.splice(0, this.#backlog.length - this.backlog);
    for (const listener of this.#listeners) listener(delta);
  }

  /** The last sequence number given. */
  get sequence(): number {
    return this.#seq;
  }

  /** The kept deltas after `seq`, or undefined when some of them are no longer kept. */
  since(seq: number): readonly LiveDelta[] | undefined {
    const first = this.#backlog[0];
    if (seq >= this.#seq) return [];
    if (first === undefined || first.seq > seq + 1) return undefined;
    return this.#backlog.slice(seq + 1 - first.seq);
  }

  /** Calls `listener` with every later delta; returns how to stop. */
  listen(listener: (delta: LiveDelta) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Counts a connected client until the returned function is called. */
  count(client: CountedClient): () => void {
    this.#clients.add(client);
    return () => this.#clients.delete(client);
  }

  /** Records that a client was dropped for being too slow. */
  dropped(): void {
    this.#dropped += 1;
  }

  stats(): LiveClientStats {
    let queuedBytes = 0;
    for (const c of this.#clients) queuedBytes += c.queuedBytes();
    return { clients: this.#clients.size, queuedBytes, droppedClients: this.#dropped };
  }
}
