import type { LivePublisher } from './live-publisher.port.js';

/** One change on a live channel, numbered in the gateway's single sequence. */
export interface LiveDelta {
  readonly seq: number;
  readonly channel: string;
  readonly key: string;
  readonly data: unknown;
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
}
